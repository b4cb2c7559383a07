//go:build amd64 && !purego

#include "textflag.h"

// exp32x8, expDiv32x8, pair32x8: the float32 kernels of exp32.go on eight
// lanes (AVX2 + FMA), for CPUs without AVX-512: each lane repeats reduce32
// and Exp32 / Expm1_32 / Exprel32 / ExprelInv32 in their order, fma32 as
// VFMADD…PS (fma32(−k, c, x) as VFNMADD…PS), so every result is bit-identical to the scalar function's.
// The constants are read from ·avx32K8, eight copies each, as memory
// operands (AVX2 has sixteen vector registers; archsimd's version of this
// kernel spilled them every iteration).

// Byte offsets of the constants in ·avx32K8 (exp32_avx2_amd64.go).
#define C_RND 0
#define C_INV 32
#define C_L2HI 64
#define C_L2LO 96
#define C_C2 128
#define C_C3 160
#define C_C4 192
#define C_C5 224
#define C_C6 256
#define C_LO 288
#define C_HI 320
#define C_ONE 352
#define C_BIAS 384

// CHECK8 sets BX to the lanes' mask of loFast32 < x < hiFast32 (clear for
// NaN); Ys is scratch.
#define CHECK8(Yx, Ys, Yq) \
	VMOVUPS C_LO(DI), Ys           \
	VCMPPS  $0x1e, Ys, Yx, Ys      \
	VMOVUPS C_HI(DI), Yq           \
	VCMPPS  $0x11, Yq, Yx, Yq      \
	VANDPS  Yq, Ys, Ys             \
	VMOVMSKPS Ys, BX

// CORE8 is reduce32 for x in Yx: p = e^r − 1 in Yp, s = 2^k in Ys; Yt and
// Yr are scratch.
#define CORE8(Yx, Yt, Yr, Yp, Ys) \
	VMOVUPS C_RND(DI), Yt          \
	VFMADD231PS C_INV(DI), Yx, Yt  \
	VPSLLD  $23, Yt, Ys            \
	VPADDD  C_BIAS(DI), Ys, Ys     \
	VSUBPS  C_RND(DI), Yt, Yt      \
	VMOVAPS Yx, Yr                 \
	VFNMADD231PS C_L2HI(DI), Yt, Yr \
	VFNMADD231PS C_L2LO(DI), Yt, Yr \
	VMOVUPS C_C6(DI), Yp           \
	VFMADD213PS C_C5(DI), Yr, Yp   \
	VFMADD213PS C_C4(DI), Yr, Yp   \
	VFMADD213PS C_C3(DI), Yr, Yp   \
	VFMADD213PS C_C2(DI), Yr, Yp   \
	VMULPS  Yr, Yr, Yt             \
	VFMADD213PS Yr, Yt, Yp

// EM18 sets Ys to e^x − 1 = fma(s, p, s − 1); Yq is scratch.
#define EM18(Yp, Ys, Yq) \
	VSUBPS  C_ONE(DI), Ys, Yq      \
	VFMADD213PS Yq, Yp, Ys

// EM1REL8 finishes a group whose x is in Y0 and p, s in Y4, Y2 (CORE8)
// for what (R9) 1 to 3: e^x − 1, exprel (e^x − 1)/x or exprelinv
// x/(e^x − 1), 1 where x = 0; it stores the result at (SI)(AX*4) and
// goes on at loop with AX = DX. rel, inv and blend name its labels.
#define EM1REL8(loop, rel, inv, blend) \
	EM18(Y4, Y2, Y5)               \
	CMPQ    R9, $1                 \
	JNE     rel                    \
	VMOVUPS Y2, (SI)(AX*4)         \
	MOVQ    DX, AX                 \
	JMP     loop                   \
rel:                                   \
	VXORPS  Y6, Y6, Y6             \
	VCMPPS  $0x0c, Y6, Y0, Y6      \
	VMOVUPS C_ONE(DI), Y7          \
	CMPQ    R9, $2                 \
	JNE     inv                    \
	VDIVPS  Y0, Y2, Y5             \
	JMP     blend                  \
inv:                                   \
	VDIVPS  Y2, Y0, Y5             \
blend:                                 \
	VBLENDVPS Y6, Y5, Y7, Y5       \
	VMOVUPS Y5, (SI)(AX*4)         \
	MOVQ    DX, AX                 \
	JMP     loop

// func exp32x8(x []float32, what int) int
TEXT ·exp32x8(SB), NOSPLIT, $0-40
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	MOVQ what+24(FP), R9
	LEAQ ·avx32K8(SB), DI
	XORQ AX, AX

expLoop:
	LEAQ    8(AX), DX
	CMPQ    DX, CX
	JGT     expDone
	VMOVUPS (SI)(AX*4), Y0
	CHECK8(Y0, Y6, Y7)
	CMPQ    BX, $0xff
	JNE     expDone
	CORE8(Y0, Y1, Y3, Y4, Y2)
	CMPQ    R9, $0
	JNE     expM1
	VFMADD231PS Y4, Y2, Y2 // e^x = fma(s, p, s)
	VMOVUPS Y2, (SI)(AX*4)
	MOVQ    DX, AX
	JMP     expLoop

expM1:
	EM1REL8(expLoop, expRel, expInv, expBlend)

expDone:
	VZEROUPPER
	MOVQ AX, ret+32(FP)
	RET

// func expDiv32x8(x, q, d []float32) int
TEXT ·expDiv32x8(SB), NOSPLIT, $0-80
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	MOVQ q_base+24(FP), R14
	MOVQ d_base+48(FP), R8
	LEAQ ·avx32K8(SB), DI
	XORQ AX, AX

divLoop:
	LEAQ    8(AX), DX
	CMPQ    DX, CX
	JGT     divDone
	VMOVUPS (SI)(AX*4), Y0
	CHECK8(Y0, Y6, Y7)
	CMPQ    BX, $0xff
	JNE     divDone
	VMOVUPS (R14)(AX*4), Y5
	VDIVPS  (R8)(AX*4), Y5, Y5
	CORE8(Y0, Y1, Y3, Y4, Y2)
	VFMADD231PS Y4, Y2, Y2
	VMOVUPS Y2, (SI)(AX*4)
	VMOVUPS Y5, (R14)(AX*4)
	MOVQ    DX, AX
	JMP     divLoop

divDone:
	VZEROUPPER
	MOVQ AX, ret+72(FP)
	RET

// func pair32x8(x, y, e []float32, what int) int
TEXT ·pair32x8(SB), NOSPLIT, $0-88
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	MOVQ y_base+24(FP), R14
	MOVQ e_base+48(FP), R8
	MOVQ what+72(FP), R9
	LEAQ ·avx32K8(SB), DI
	XORQ AX, AX

pairLoop:
	LEAQ    8(AX), DX
	CMPQ    DX, CX
	JGT     pairDone
	VMOVUPS (SI)(AX*4), Y0
	CHECK8(Y0, Y6, Y7)
	CMPQ    BX, $0xff
	JNE     pairDone
	CORE8(Y0, Y1, Y3, Y4, Y2)
	VMOVAPS Y2, Y7
	VFMADD213PS Y2, Y4, Y7 // e^x = fma(s, p, s)
	VMOVUPS C_ONE(DI), Y6
	TESTQ   R8, R8
	JNE     pairParts
	VDIVPS  Y7, Y6, Y8     // 1/e^x
	VMOVUPS Y8, (R14)(AX*4)
	JMP     pairKind

pairParts:
	VMOVUPS Y6, (R14)(AX*4) // 1
	VMOVUPS Y7, (R8)(AX*4)  // e^x

pairKind:
	CMPQ    R9, $0
	JNE     pairM1
	VMOVUPS Y7, (SI)(AX*4)
	MOVQ    DX, AX
	JMP     pairLoop

pairM1:
	EM1REL8(pairLoop, pairRel, pairInv, pairBlend)

pairDone:
	VZEROUPPER
	MOVQ AX, ret+80(FP)
	RET
