//go:build amd64 && !purego

#include "textflag.h"

// The AVX2 kernels of fastexp_amd64.go. Each lane repeats the operations
// of reduce, em1Poly and Exp / expm1Fast (fastexp.go) in their order, with
// separate multiplies and adds, so every result is bit-identical to the
// scalar function's.

// Byte offsets of the constants in ·avxK (index × 32, see fastexp_amd64.go).
#define INV64 0
#define ROUND 32
#define L64HI 64
#define L64LO 96
#define C2 128
#define C3 160
#define C4 192
#define C5 224
#define C6 256
#define LOFAST 288
#define HIFAST 320
#define ONE 352
#define I32 384
#define I63 416
#define I1023 448

// func cpuAVX2() bool
TEXT ·cpuAVX2(SB), NOSPLIT, $0-1
	MOVL $1, AX
	XORL CX, CX
	CPUID
	// OSXSAVE (bit 27) and AVX (bit 28)
	ANDL $0x18000000, CX
	CMPL CX, $0x18000000
	JNE  no
	XORL CX, CX
	XGETBV
	// XCR0: the OS saves SSE (bit 1) and AVX (bit 2) state
	ANDL $6, AX
	CMPL AX, $6
	JNE  no
	MOVL $7, AX
	XORL CX, CX
	CPUID
	// AVX2: leaf 7, EBX bit 5
	ANDL $0x20, BX
	JZ   no
	MOVB $1, ret+0(FP)
	RET
no:
	MOVB $0, ret+0(FP)
	RET

// LOADCONST fills the registers that hold constants in both kernels.
#define LOADCONST \
	LEAQ    ·avxK(SB), DI              \
	VMOVUPD INV64(DI), Y15             \
	VMOVUPD ROUND(DI), Y14             \
	VMOVUPD L64HI(DI), Y13             \
	VMOVUPD L64LO(DI), Y12             \
	VMOVUPD C6(DI), Y11                \
	VMOVUPD C5(DI), Y10                \
	VMOVUPD C4(DI), Y9                 \
	VMOVUPD C3(DI), Y8                 \
	VMOVUPD C2(DI), Y7

// CORE computes, for x in Y0: the table indices in R8–R11, 2^m in Y2 and
// e^r − 1 (em1Poly) in Y3. It uses Y1, Y4 and Y5.
#define CORE \
	VMULPD  Y15, Y0, Y1                \
	VADDPD  Y14, Y1, Y1                \
	VSUBPD  Y14, Y1, Y2                \
	VMULPD  Y13, Y2, Y3                \
	VSUBPD  Y3, Y0, Y3                 \
	VMULPD  Y12, Y2, Y4                \
	VSUBPD  Y4, Y3, Y3                 \
	VPADDQ  I32(DI), Y1, Y1            \
	VPSRLQ  $6, Y1, Y2                 \
	VPADDQ  I1023(DI), Y2, Y2          \
	VPSLLQ  $52, Y2, Y2                \
	VPAND   I63(DI), Y1, Y1            \
	VMOVQ   X1, R8                     \
	VPEXTRQ $1, X1, R9                 \
	VEXTRACTI128 $1, Y1, X1            \
	VMOVQ   X1, R10                    \
	VPEXTRQ $1, X1, R11                \
	VMULPD  Y11, Y3, Y4                \
	VADDPD  Y10, Y4, Y4                \
	VMULPD  Y4, Y3, Y4                 \
	VADDPD  Y9, Y4, Y4                 \
	VMULPD  Y4, Y3, Y4                 \
	VADDPD  Y8, Y4, Y4                 \
	VMULPD  Y4, Y3, Y4                 \
	VADDPD  Y7, Y4, Y4                 \
	VMULPD  Y3, Y3, Y5                 \
	VMULPD  Y4, Y5, Y5                 \
	VADDPD  Y5, Y3, Y3                 // r + r·r·(…)

// LOOKUP loads tab[R8], tab[R9], tab[R10], tab[R11] (tab at R) into Y and
// uses X as scratch.
#define LOOKUP(R, Y, X, XY) \
	VMOVSD  (R)(R8*8), XY              \
	VMOVHPD (R)(R9*8), XY, XY          \
	VMOVSD  (R)(R10*8), X              \
	VMOVHPD (R)(R11*8), X, X           \
	VINSERTF128 $1, X, Y, Y

// func expAVX2(x []float64) int
TEXT ·expAVX2(SB), NOSPLIT, $0-32
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	LOADCONST
	LEAQ ·expTab(SB), R12
	XORQ AX, AX

expLoop:
	LEAQ      4(AX), DX
	CMPQ      DX, CX
	JGT       expDone
	VMOVUPD   (SI)(AX*8), Y0
	VCMPPD    $0x1e, LOFAST(DI), Y0, Y1 // x > loFast (false for NaN)
	VCMPPD    $0x11, HIFAST(DI), Y0, Y2 // x < hiFast
	VANDPD    Y1, Y2, Y1
	VMOVMSKPD Y1, BX
	CMPQ      BX, $15
	JNE       expDone
	CORE
	LOOKUP(R12, Y4, X6, X4)
	VMULPD    Y3, Y4, Y5 // tab·em
	VADDPD    Y5, Y4, Y4 // tab + tab·em
	VMULPD    Y2, Y4, Y4 // · 2^m
	VMOVUPD   Y4, (SI)(AX*8)
	MOVQ      DX, AX
	JMP       expLoop

expDone:
	VZEROUPPER
	MOVQ AX, ret+24(FP)
	RET

// func em1AVX2(x []float64, what int) int
TEXT ·em1AVX2(SB), NOSPLIT, $0-40
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	MOVQ what+24(FP), R13
	LOADCONST
	LEAQ ·expTab(SB), R12
	LEAQ ·expTabM1(SB), R14
	XORQ AX, AX

em1Loop:
	LEAQ      4(AX), DX
	CMPQ      DX, CX
	JGT       em1Done
	VMOVUPD   (SI)(AX*8), Y0
	VCMPPD    $0x1e, LOFAST(DI), Y0, Y1
	VCMPPD    $0x11, HIFAST(DI), Y0, Y2
	VANDPD    Y1, Y2, Y1
	VXORPD    Y2, Y2, Y2
	VCMPPD    $0x0c, Y2, Y0, Y2         // x ≠ 0
	VANDPD    Y1, Y2, Y1
	VMOVMSKPD Y1, BX
	CMPQ      BX, $15
	JNE       em1Done
	CORE
	LOOKUP(R12, Y4, X6, X4)
	LOOKUP(R14, Y6, X5, X6)
	VMULPD    Y3, Y4, Y4 // tab·em
	VADDPD    Y4, Y6, Y4 // tabM1 + tab·em
	VMULPD    Y4, Y2, Y4 // 2^m·(…)
	VSUBPD    ONE(DI), Y2, Y2 // 2^m − 1
	VADDPD    Y2, Y4, Y4 // e^x − 1
	CMPQ      R13, $2
	JEQ       em1Rel
	JGT       em1Inv
	VMOVUPD   Y4, (SI)(AX*8)
	MOVQ      DX, AX
	JMP       em1Loop

em1Rel:
	VDIVPD  Y0, Y4, Y4 // (e^x − 1)/x
	VMOVUPD Y4, (SI)(AX*8)
	MOVQ    DX, AX
	JMP     em1Loop

em1Inv:
	VDIVPD  Y4, Y0, Y4 // x/(e^x − 1)
	VMOVUPD Y4, (SI)(AX*8)
	MOVQ    DX, AX
	JMP     em1Loop

em1Done:
	VZEROUPPER
	MOVQ AX, ret+32(FP)
	RET
