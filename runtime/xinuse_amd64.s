//go:build amd64 && !purego

#include "textflag.h"

// func upperInUse() (bits uint32, ok bool)
// The YMM and ZMM upper-half bits (2 and 6) of XINUSE, XGETBV with ECX = 1,
// where the CPU has it (CPUID leaf 0xD, subleaf 1, EAX bit 2); the caller
// checks for AVX first.
TEXT ·upperInUse(SB), NOSPLIT, $0-5
	MOVL $0xd, AX
	MOVL $1, CX
	CPUID
	ANDL $4, AX
	JZ   no
	MOVL $1, CX
	XGETBV
	ANDL $0x44, AX
	MOVL AX, bits+0(FP)
	MOVB $1, ok+4(FP)
	RET
no:
	MOVL $0, bits+0(FP)
	MOVB $0, ok+4(FP)
	RET

// func dirtyUpper()
// Leaves all-ones in Y1's upper half, as a preemption's restore of the
// vector registers leaves them dirty; the caller checks for AVX2.
TEXT ·dirtyUpper(SB), NOSPLIT, $0-0
	VPCMPEQD Y1, Y1, Y1
	RET
