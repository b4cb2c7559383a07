//go:build amd64 && !purego

#include "textflag.h"

// func atToAVX2(dst, x, data []float64, lo, inv, last float64) int
//
// Table.At for groups of four, up to the first group with a lane outside
// (0, last) in grid units (or NaN); returns the number of values done.
// Each lane repeats At's operations: f = (x − lo)·inv, i = int(f),
// d[i] + (f − i)·(d[i+1] − d[i]), with separate multiply and add as the
// amd64 Go compiler emits them, so the results are At's bits.
TEXT ·atToAVX2(SB), NOSPLIT, $0-104
	MOVQ         dst_base+0(FP), DI
	MOVQ         dst_len+8(FP), CX
	MOVQ         x_base+24(FP), SI
	MOVQ         data_base+48(FP), R12
	VBROADCASTSD lo+72(FP), Y13
	VBROADCASTSD inv+80(FP), Y14
	VBROADCASTSD last+88(FP), Y15
	VXORPD       Y12, Y12, Y12
	XORQ         AX, AX

loop:
	LEAQ      4(AX), DX
	CMPQ      DX, CX
	JGT       done
	VMOVUPD   (SI)(AX*8), Y0
	VSUBPD    Y13, Y0, Y0          // x − lo
	VMULPD    Y14, Y0, Y0          // f
	VCMPPD    $0x1e, Y12, Y0, Y1   // f > 0 (false for NaN)
	VCMPPD    $0x11, Y15, Y0, Y2   // f < last
	VANDPD    Y1, Y2, Y1
	VMOVMSKPD Y1, BX
	CMPQ      BX, $15
	JNE       done
	VCVTTPD2DQY Y0, X1             // i = int(f), four int32
	VCVTDQ2PD X1, Y2               // float64(i)
	VSUBPD    Y2, Y0, Y0           // f − i
	VMOVD     X1, R8
	VPEXTRD   $1, X1, R9
	VPEXTRD   $2, X1, R10
	VPEXTRD   $3, X1, R11
	// (d[i], d[i+1]) of lanes 0 and 2 in Y3, of lanes 1 and 3 in Y4
	VMOVUPD   (R12)(R8*8), X3
	VMOVUPD   (R12)(R9*8), X4
	VINSERTF128 $1, (R12)(R10*8), Y3, Y3
	VINSERTF128 $1, (R12)(R11*8), Y4, Y4
	VUNPCKLPD Y4, Y3, Y5           // d[i]
	VUNPCKHPD Y4, Y3, Y6           // d[i+1]
	VSUBPD    Y5, Y6, Y6           // d[i+1] − d[i]
	VMULPD    Y6, Y0, Y6           // (f − i)·(…)
	VADDPD    Y6, Y5, Y5
	VMOVUPD   Y5, (DI)(AX*8)
	MOVQ      DX, AX
	JMP       loop

done:
	VZEROUPPER
	MOVQ AX, ret+96(FP)
	RET
