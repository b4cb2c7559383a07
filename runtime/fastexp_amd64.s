//go:build amd64 && !purego

#include "textflag.h"

// The AVX2 kernels of fastexp_amd64.go. Each lane repeats the operations
// of reduce, em1Poly and Exp / expm1Fast (fastexp.go) in their order, the
// scalar code's math.FMA calls as VFMADD instructions, so every result is
// bit-identical to the scalar function's. The constants are memory
// operands (·avxK) and each iteration takes two groups of four, so that
// the two dependency chains overlap.

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

// CHECK sets BX to the range mask of Yx (4 bits, set where loFast < x <
// hiFast, clear for NaN), using Ym and Yn.
#define CHECK(Yx, Ym, Yn) \
	VCMPPD  $0x1e, LOFAST(DI), Yx, Ym  \
	VCMPPD  $0x11, HIFAST(DI), Yx, Yn  \
	VANDPD  Ym, Yn, Ym

// REDUCE is reduce for x in Yx: 2^m in Ypm, r in Yr and the table indices
// in Yt.
#define REDUCE(Yx, Yt, Ypm, Yr) \
	VMOVAPD Yx, Yt                     \
	VFMADD132PD Y15, Y14, Yt           \
	VSUBPD  Y14, Yt, Ypm               \
	VMOVAPD Yx, Yr                     \
	VFNMADD231PD Y7, Ypm, Yr           \
	VFNMADD231PD L64LO(DI), Ypm, Yr    \
	VPADDQ  I32(DI), Yt, Yt            \
	VPSRLQ  $6, Yt, Ypm                \
	VPADDQ  I1023(DI), Ypm, Ypm        \
	VPSLLQ  $52, Ypm, Ypm              \
	VPAND   I63(DI), Yt, Yt

// POLY sets Yp to em1Poly(r), r in Yr; Ytmp is scratch.
#define POLY(Yr, Yp, Ytmp) \
	VMOVUPD C6(DI), Yp                 \
	VFMADD213PD C5(DI), Yr, Yp         \
	VFMADD213PD C4(DI), Yr, Yp         \
	VFMADD213PD C3(DI), Yr, Yp         \
	VFMADD213PD C2(DI), Yr, Yp         \
	VMULPD  Yr, Yr, Ytmp               \
	VFMADD213PD Yr, Ytmp, Yp

// INDEX moves the four indices in Yt to R8–R11 (Yt is clobbered).
#define INDEX(Yt, Xt) \
	VMOVQ   Xt, R8                     \
	VPEXTRQ $1, Xt, R9                 \
	VEXTRACTI128 $1, Yt, Xt            \
	VMOVQ   Xt, R10                    \
	VPEXTRQ $1, Xt, R11

// LOOKUP loads tab[R8], tab[R9], tab[R10], tab[R11] (tab at R) into Y,
// whose low half is XY; X is scratch.
#define LOOKUP(R, Y, XY, X) \
	VMOVSD  (R)(R8*8), XY              \
	VMOVHPD (R)(R9*8), XY, XY          \
	VMOVSD  (R)(R10*8), X              \
	VMOVHPD (R)(R11*8), X, X           \
	VINSERTF128 $1, X, Y, Y

// EXP sets Ytab to Exp: FMA(tab, em, tab)·2^m.
#define EXP(Yt, Xt, Ytab, Xtab, Yem, Ypm, Xs) \
	INDEX(Yt, Xt)                      \
	LOOKUP(R12, Ytab, Xtab, Xs)        \
	VFMADD132PD Yem, Ytab, Ytab        \
	VMULPD  Ypm, Ytab, Ytab

// EXPM1 sets Ytab to expm1Fast: FMA(2^m, FMA(tab, em, tabM1), 2^m − 1).
// Ym1 and Xs are scratch.
#define EXPM1(Yt, Xt, Ytab, Xtab, Ym1, Xm1, Yem, Ypm, Xs) \
	INDEX(Yt, Xt)                      \
	LOOKUP(R12, Ytab, Xtab, Xs)        \
	LOOKUP(R13, Ym1, Xm1, Xs)          \
	VFMADD213PD Ym1, Yem, Ytab         \
	VSUBPD  ONE(DI), Ypm, Ym1          \
	VFMADD213PD Ym1, Ypm, Ytab

// SETUP loads the arguments and the constant registers.
#define SETUP \
	MOVQ x_base+0(FP), SI              \
	MOVQ x_len+8(FP), CX               \
	LEAQ ·avxK(SB), DI                 \
	VMOVUPD ROUND(DI), Y14             \
	VMOVUPD INV64(DI), Y15             \
	VMOVUPD L64HI(DI), Y7              \
	LEAQ ·expTab(SB), R12              \
	LEAQ ·expTabM1(SB), R13            \
	XORQ AX, AX

// func expAVX2(x []float64) int
TEXT ·expAVX2(SB), NOSPLIT, $0-32
	SETUP

exp8:
	// two groups per iteration while both are in range
	LEAQ      8(AX), DX
	CMPQ      DX, CX
	JGT       exp4
	VMOVUPD   (SI)(AX*8), Y0
	VMOVUPD   32(SI)(AX*8), Y8
	CHECK(Y0, Y1, Y2)
	CHECK(Y8, Y9, Y10)
	VANDPD    Y1, Y9, Y1
	VMOVMSKPD Y1, BX
	CMPQ      BX, $15
	JNE       exp4
	REDUCE(Y0, Y1, Y2, Y3)
	REDUCE(Y8, Y9, Y10, Y11)
	POLY(Y3, Y4, Y5)
	POLY(Y11, Y12, Y13)
	EXP(Y1, X1, Y5, X5, Y4, Y2, X6)
	EXP(Y9, X9, Y13, X13, Y12, Y10, X6)
	VMOVUPD   Y5, (SI)(AX*8)
	VMOVUPD   Y13, 32(SI)(AX*8)
	MOVQ      DX, AX
	JMP       exp8

exp4:
	LEAQ      4(AX), DX
	CMPQ      DX, CX
	JGT       expDone
	VMOVUPD   (SI)(AX*8), Y0
	CHECK(Y0, Y1, Y2)
	VMOVMSKPD Y1, BX
	CMPQ      BX, $15
	JNE       expDone
	REDUCE(Y0, Y1, Y2, Y3)
	POLY(Y3, Y4, Y5)
	EXP(Y1, X1, Y5, X5, Y4, Y2, X6)
	VMOVUPD   Y5, (SI)(AX*8)
	MOVQ      DX, AX
	JMP       exp8

expDone:
	VZEROUPPER
	MOVQ AX, ret+24(FP)
	RET

// func expDivAVX2(x, q, d []float64) int
// expAVX2 with q[k] /= d[k] in each group (d's base is reloaded into R8
// before each division: INDEX uses R8 to R11 afterwards).
TEXT ·expDivAVX2(SB), NOSPLIT, $0-80
	SETUP
	MOVQ q_base+24(FP), R14

expDiv8:
	LEAQ      8(AX), DX
	CMPQ      DX, CX
	JGT       expDiv4
	VMOVUPD   (SI)(AX*8), Y0
	VMOVUPD   32(SI)(AX*8), Y8
	CHECK(Y0, Y1, Y2)
	CHECK(Y8, Y9, Y10)
	VANDPD    Y1, Y9, Y1
	VMOVMSKPD Y1, BX
	CMPQ      BX, $15
	JNE       expDiv4
	REDUCE(Y0, Y1, Y2, Y3)
	REDUCE(Y8, Y9, Y10, Y11)
	MOVQ      d_base+48(FP), R8
	VMOVUPD   (R14)(AX*8), Y0
	VMOVUPD   32(R14)(AX*8), Y8
	VDIVPD    (R8)(AX*8), Y0, Y0
	VDIVPD    32(R8)(AX*8), Y8, Y8
	POLY(Y3, Y4, Y5)
	POLY(Y11, Y12, Y13)
	EXP(Y1, X1, Y5, X5, Y4, Y2, X6)
	EXP(Y9, X9, Y13, X13, Y12, Y10, X6)
	VMOVUPD   Y5, (SI)(AX*8)
	VMOVUPD   Y13, 32(SI)(AX*8)
	VMOVUPD   Y0, (R14)(AX*8)
	VMOVUPD   Y8, 32(R14)(AX*8)
	MOVQ      DX, AX
	JMP       expDiv8

expDiv4:
	LEAQ      4(AX), DX
	CMPQ      DX, CX
	JGT       expDivDone
	VMOVUPD   (SI)(AX*8), Y0
	CHECK(Y0, Y1, Y2)
	VMOVMSKPD Y1, BX
	CMPQ      BX, $15
	JNE       expDivDone
	REDUCE(Y0, Y1, Y2, Y3)
	MOVQ      d_base+48(FP), R8
	VMOVUPD   (R14)(AX*8), Y0
	VDIVPD    (R8)(AX*8), Y0, Y0
	POLY(Y3, Y4, Y5)
	EXP(Y1, X1, Y5, X5, Y4, Y2, X6)
	VMOVUPD   Y5, (SI)(AX*8)
	VMOVUPD   Y0, (R14)(AX*8)
	MOVQ      DX, AX
	JMP       expDiv8

expDivDone:
	VZEROUPPER
	MOVQ AX, ret+72(FP)
	RET

// NONZERO ands into Ym the mask of Yx ≠ 0, using Yz.
#define NONZERO(Yx, Ym, Yz) \
	VXORPD  Yz, Yz, Yz                 \
	VCMPPD  $0x0c, Yz, Yx, Yz          \
	VANDPD  Yz, Ym, Ym

// FINISH applies the kind (R14: 1 Expm1, 2 Exprel, 3 ExprelInv) to
// e^x − 1 in Ye, x in Yx.
#define FINISH(Yx, Ye) \
	CMPQ    R14, $2                    \
	JLT     5(PC)                      \
	JEQ     3(PC)                      \
	VDIVPD  Ye, Yx, Ye                 \
	JMP     2(PC)                      \
	VDIVPD  Yx, Ye, Ye

// func em1AVX2(x []float64, what int) int
TEXT ·em1AVX2(SB), NOSPLIT, $0-40
	SETUP
	MOVQ what+24(FP), R14

em18:
	LEAQ      8(AX), DX
	CMPQ      DX, CX
	JGT       em14
	VMOVUPD   (SI)(AX*8), Y0
	VMOVUPD   32(SI)(AX*8), Y8
	CHECK(Y0, Y1, Y2)
	NONZERO(Y0, Y1, Y2)
	CHECK(Y8, Y9, Y10)
	NONZERO(Y8, Y9, Y10)
	VANDPD    Y1, Y9, Y1
	VMOVMSKPD Y1, BX
	CMPQ      BX, $15
	JNE       em14
	REDUCE(Y0, Y1, Y2, Y3)
	REDUCE(Y8, Y9, Y10, Y11)
	POLY(Y3, Y4, Y5)
	POLY(Y11, Y12, Y13)
	EXPM1(Y1, X1, Y5, X5, Y3, X3, Y4, Y2, X6)
	EXPM1(Y9, X9, Y13, X13, Y11, X11, Y12, Y10, X6)
	FINISH(Y0, Y5)
	FINISH(Y8, Y13)
	VMOVUPD   Y5, (SI)(AX*8)
	VMOVUPD   Y13, 32(SI)(AX*8)
	MOVQ      DX, AX
	JMP       em18

em14:
	LEAQ      4(AX), DX
	CMPQ      DX, CX
	JGT       em1Done
	VMOVUPD   (SI)(AX*8), Y0
	CHECK(Y0, Y1, Y2)
	NONZERO(Y0, Y1, Y2)
	VMOVMSKPD Y1, BX
	CMPQ      BX, $15
	JNE       em1Done
	REDUCE(Y0, Y1, Y2, Y3)
	POLY(Y3, Y4, Y5)
	EXPM1(Y1, X1, Y5, X5, Y3, X3, Y4, Y2, X6)
	FINISH(Y0, Y5)
	VMOVUPD   Y5, (SI)(AX*8)
	MOVQ      DX, AX
	JMP       em18

em1Done:
	VZEROUPPER
	MOVQ AX, ret+32(FP)
	RET

// func pairAVX2(x, y, d []float64, what int) int
TEXT ·pairAVX2(SB), NOSPLIT, $0-88
	SETUP
	MOVQ y_base+24(FP), R14

pair4:
	LEAQ      4(AX), DX
	CMPQ      DX, CX
	JGT       pairDone
	VMOVUPD   (SI)(AX*8), Y0
	CHECK(Y0, Y1, Y2)
	CMPQ      what+72(FP), $2
	JLT       pairRange
	NONZERO(Y0, Y1, Y2)

pairRange:
	VMOVMSKPD Y1, BX
	CMPQ      BX, $15
	JNE       pairDone
	REDUCE(Y0, Y1, Y2, Y3)
	POLY(Y3, Y4, Y5)
	INDEX(Y1, X1)
	LOOKUP(R12, Y6, X6, X11)
	LOOKUP(R13, Y8, X8, X11)
	VMOVAPD   Y6, Y9
	VFMADD132PD Y4, Y6, Y9 // FMA(tab, em, tab)
	VMULPD    Y2, Y9, Y9   // e^x
	VMOVUPD   ONE(DI), Y10
	MOVQ      d_base+48(FP), R8 // (INDEX is done with R8)
	TESTQ     R8, R8
	JNE       pairParts
	VDIVPD    Y9, Y10, Y10 // 1/e^x
	VMOVUPD   Y10, (R14)(AX*8)
	JMP       pairKind

pairParts:
	VMOVUPD   Y10, (R14)(AX*8) // 1
	VMOVUPD   Y9, (R8)(AX*8)   // e^x

pairKind:
	CMPQ      what+72(FP), $0
	JNE       pairM1
	VMOVUPD   Y9, (SI)(AX*8)
	MOVQ      DX, AX
	JMP       pair4

pairM1:
	VFMADD213PD Y8, Y4, Y6 // FMA(tab, em, tabM1)
	VSUBPD    ONE(DI), Y2, Y5
	VFMADD213PD Y5, Y2, Y6 // e^x − 1
	CMPQ      what+72(FP), $2
	JLT       pairStore
	JEQ       pairRel
	VDIVPD    Y6, Y0, Y6   // x/(e^x − 1)
	JMP       pairStore

pairRel:
	VDIVPD    Y0, Y6, Y6   // (e^x − 1)/x

pairStore:
	VMOVUPD   Y6, (SI)(AX*8)
	MOVQ      DX, AX
	JMP       pair4

pairDone:
	VZEROUPPER
	MOVQ AX, ret+80(FP)
	RET

// func cpuAVX2() bool: AVX2 and FMA, and the OS saves the YMM registers.
TEXT ·cpuAVX2(SB), NOSPLIT, $0-1
	MOVL $1, AX
	XORL CX, CX
	CPUID
	// FMA (bit 12), OSXSAVE (bit 27) and AVX (bit 28)
	ANDL $0x18001000, CX
	CMPL CX, $0x18001000
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

// func scaleAVX2(x []float64, f float64) int
TEXT ·scaleAVX2(SB), NOSPLIT, $0-40
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	VBROADCASTSD f+24(FP), Y1
	XORQ AX, AX

scale16:
	LEAQ    16(AX), DX
	CMPQ    DX, CX
	JGT     scaleDone
	VMULPD  (SI)(AX*8), Y1, Y2
	VMULPD  32(SI)(AX*8), Y1, Y3
	VMULPD  64(SI)(AX*8), Y1, Y4
	VMULPD  96(SI)(AX*8), Y1, Y5
	VMOVUPD Y2, (SI)(AX*8)
	VMOVUPD Y3, 32(SI)(AX*8)
	VMOVUPD Y4, 64(SI)(AX*8)
	VMOVUPD Y5, 96(SI)(AX*8)
	MOVQ    DX, AX
	JMP     scale16

scaleDone:
	VZEROUPPER
	MOVQ AX, ret+32(FP)
	RET

// func indDecayAVX2(x []float64, a, b float64) int
TEXT ·indDecayAVX2(SB), NOSPLIT, $0-48
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	VBROADCASTSD a+24(FP), Y1
	VBROADCASTSD b+32(FP), Y2
	MOVQ $0x8000000000000000, DX
	MOVQ DX, X3
	VBROADCASTSD X3, Y3
	XORQ AX, AX

indDecay8:
	LEAQ    8(AX), DX
	CMPQ    DX, CX
	JGT     indDecayDone
	VMOVUPD (SI)(AX*8), Y4
	VMOVUPD 32(SI)(AX*8), Y5
	VXORPD  Y3, Y4, Y6 // −x
	VXORPD  Y3, Y5, Y7
	VMULPD  Y2, Y6, Y6 // (−x)·b
	VMULPD  Y2, Y7, Y7
	VMULPD  Y6, Y1, Y6 // a·((−x)·b)
	VMULPD  Y7, Y1, Y7
	VADDPD  Y6, Y4, Y4 // x + a·((−x)·b)
	VADDPD  Y7, Y5, Y5
	VMOVUPD Y4, (SI)(AX*8)
	VMOVUPD Y5, 32(SI)(AX*8)
	MOVQ    DX, AX
	JMP     indDecay8

indDecayDone:
	VZEROUPPER
	MOVQ AX, ret+40(FP)
	RET

// EULERSTORE8 ends a group of ExpEuler/IndEuler: the old s (in Y4,
// Y5) goes to c (R8), the new values (Y8, Y9) to s (SI), their n − n
// are added to the sums in Y0, Y1, and AX moves on to DX.
#define EULERSTORE8 \
	VMOVUPD Y4, (R8)(AX*8)        \
	VMOVUPD Y5, 32(R8)(AX*8)      \
	VMOVUPD Y8, (SI)(AX*8)        \
	VMOVUPD Y9, 32(SI)(AX*8)      \
	VSUBPD  Y8, Y8, Y10          \
	VSUBPD  Y9, Y9, Y11          \
	VADDPD  Y10, Y0, Y0          \
	VADDPD  Y11, Y1, Y1          \
	MOVQ    DX, AX

// SUMN8 adds the sums of n − n in Y0 and Y1 into X0 (low lane).
#define SUMN8 \
	VADDPD       Y1, Y0, Y0 \
	VEXTRACTF128 $1, Y0, X1 \
	VADDPD       X1, X0, X0 \
	VUNPCKHPD    X0, X0, X1 \
	VADDSD       X1, X0, X0

// func expEulerAVX2(s, b, c []float64) (int, float64)
TEXT ·expEulerAVX2(SB), NOSPLIT, $0-88
	MOVQ     s_base+0(FP), SI
	MOVQ     s_len+8(FP), CX
	MOVQ     b_base+24(FP), DI
	MOVQ     c_base+48(FP), R8
	VXORPD   Y0, Y0, Y0 // sums of n − n
	VXORPD   Y1, Y1, Y1
	XORQ     AX, AX

expEuler8:
	LEAQ    8(AX), DX
	CMPQ    DX, CX
	JGT     expEulerDone
	VMOVUPD (SI)(AX*8), Y4 // s
	VMOVUPD 32(SI)(AX*8), Y5
	VMOVUPD (DI)(AX*8), Y6 // b
	VMOVUPD 32(DI)(AX*8), Y7
	VADDPD  Y4, Y6, Y8 // b + s
	VADDPD  Y5, Y7, Y9
	VMULPD  (R8)(AX*8), Y8, Y8 // (b + s)·c
	VMULPD  32(R8)(AX*8), Y9, Y9
	VSUBPD  Y6, Y8, Y8 // (b + s)·c − b
	VSUBPD  Y7, Y9, Y9
	EULERSTORE8
	JMP     expEuler8

expEulerDone:
	SUMN8
	VZEROUPPER
	MOVQ         AX, ret+72(FP)
	MOVSD        X0, ret1+80(FP)
	RET

// ABOVE4 sets bits off..off+3 of R8 to whether x[AX+off+k] > th (Y1):
// predicate LT_OQ, th < x, false for a NaN.
#define ABOVE4(off) \
	VCMPPD    $0x11, (off*8)(SI)(AX*8), Y1, Y2 \
	VMOVMSKPD Y2, R9 \
	SHLQ      $off, R9 \
	ORQ       R9, R8

// func aboveAVX2(x []float64, th float64, mask []uint64) int
TEXT ·aboveAVX2(SB), NOSPLIT, $0-64
	MOVQ         x_base+0(FP), SI
	MOVQ         x_len+8(FP), CX
	VBROADCASTSD th+24(FP), Y1
	MOVQ         mask_base+32(FP), DI
	XORQ         AX, AX
	XORQ         BX, BX

above64:
	LEAQ 64(AX), DX
	CMPQ DX, CX
	JGT  aboveDone
	XORQ R8, R8
	ABOVE4(0)
	ABOVE4(4)
	ABOVE4(8)
	ABOVE4(12)
	ABOVE4(16)
	ABOVE4(20)
	ABOVE4(24)
	ABOVE4(28)
	ABOVE4(32)
	ABOVE4(36)
	ABOVE4(40)
	ABOVE4(44)
	ABOVE4(48)
	ABOVE4(52)
	ABOVE4(56)
	ABOVE4(60)
	MOVQ R8, (DI)(BX*8)
	INCQ BX
	MOVQ DX, AX
	JMP  above64

aboveDone:
	VZEROUPPER
	MOVQ BX, ret+56(FP)
	RET

// func indEulerAVX2(s, c, b []float64, h float64) (int, float64)
TEXT ·indEulerAVX2(SB), NOSPLIT, $0-96
	MOVQ         s_base+0(FP), SI
	MOVQ         s_len+8(FP), CX
	MOVQ         c_base+24(FP), R8
	MOVQ         b_base+48(FP), DI
	VBROADCASTSD h+72(FP), Y3
	VXORPD       Y0, Y0, Y0 // sums of n − n
	VXORPD       Y1, Y1, Y1
	XORQ         AX, AX

indEuler8:
	LEAQ    8(AX), DX
	CMPQ    DX, CX
	JGT     indEulerDone
	VMOVUPD (SI)(AX*8), Y4 // s
	VMOVUPD 32(SI)(AX*8), Y5
	VMULPD  (R8)(AX*8), Y3, Y8 // h·c
	VMULPD  32(R8)(AX*8), Y3, Y9
	VMULPD  (DI)(AX*8), Y8, Y8 // (h·c)·b
	VMULPD  32(DI)(AX*8), Y9, Y9
	VADDPD  Y8, Y4, Y8 // s + (h·c)·b
	VADDPD  Y9, Y5, Y9
	EULERSTORE8
	JMP     indEuler8

indEulerDone:
	SUMN8
	VZEROUPPER
	MOVQ         AX, ret+80(FP)
	MOVSD        X0, ret1+88(FP)
	RET
