//go:build amd64 && !purego

#include "textflag.h"

// exp32x16: the float32 kernels of exp32.go on sixteen lanes (AVX-512),
// each lane repeating reduce32 and Exp32 / Expm1_32 / Exprel32 /
// ExprelInv32 in their order, fma32 as VFMADD…PS (fma32(−k, c, x) as
// VFNMADD…PS), so every result is bit-identical to the scalar function's.
// The constants live in Z16–Z30 for the whole call (archsimd's version
// spilled and reloaded them every iteration).

// Byte offsets of the constants in ·avx32K (exp32_512_amd64.go).
#define K_RND 0
#define K_INV 4
#define K_L2HI 8
#define K_L2LO 12
#define K_C2 16
#define K_C3 20
#define K_C4 24
#define K_C5 28
#define K_C6 32
#define K_LO 36
#define K_HI 40
#define K_ONE 44

// LOADK16 loads the constants into Z16–Z27 and zero into Z30.
#define LOADK16 \
	LEAQ ·avx32K(SB), DI           \
	VBROADCASTSS K_RND(DI), Z16    \
	VBROADCASTSS K_INV(DI), Z17    \
	VBROADCASTSS K_L2HI(DI), Z18   \
	VBROADCASTSS K_L2LO(DI), Z19   \
	VBROADCASTSS K_C2(DI), Z20     \
	VBROADCASTSS K_C3(DI), Z21     \
	VBROADCASTSS K_C4(DI), Z22     \
	VBROADCASTSS K_C5(DI), Z23     \
	VBROADCASTSS K_C6(DI), Z24     \
	VBROADCASTSS K_LO(DI), Z26     \
	VBROADCASTSS K_HI(DI), Z27     \
	VBROADCASTSS K_ONE(DI), Z25    \
	VPXORD  Z30, Z30, Z30

// CHECK16 sets Kk where loFast32 < x < hiFast32 (clear for NaN).
#define CHECK16(Zx, Kk) \
	VCMPPS $0x1e, Z26, Zx, Kk      \
	VCMPPS $0x11, Z27, Zx, Kk, Kk

// CORE16 is reduce32 for x in Zx: p = e^r − 1 in Zp, s = 2^k in Zs; Zt
// and Zr are scratch. VSCALEFPS multiplies 1 by 2^k exactly: the s that
// reduce32 builds from t's bits.
#define CORE16(Zx, Zt, Zr, Zp, Zs) \
	VMOVAPS Z16, Zt                \
	VFMADD231PS Z17, Zx, Zt        \
	VSUBPS  Z16, Zt, Zt            \
	VMOVAPS Zx, Zr                 \
	VFNMADD231PS Z18, Zt, Zr       \
	VFNMADD231PS Z19, Zt, Zr       \
	VSCALEFPS Zt, Z25, Zs          \
	VMOVAPS Z23, Zp                \
	VFMADD231PS Z24, Zr, Zp        \
	VFMADD213PS Z22, Zr, Zp        \
	VFMADD213PS Z21, Zr, Zp        \
	VFMADD213PS Z20, Zr, Zp        \
	VMULPS  Zr, Zr, Zt             \
	VFMADD213PS Zr, Zt, Zp

// EXP16 sets Zs to e^x = fma(s, p, s).
#define EXP16(Zp, Zs) \
	VFMADD231PS Zp, Zs, Zs

// EM116 sets Zs to e^x − 1 = fma(s, p, s − 1); Zq is scratch.
#define EM116(Zp, Zs, Zq) \
	VSUBPS  Z25, Zs, Zq            \
	VFMADD213PS Zq, Zp, Zs

// EM1REL16 finishes a group of sixteen whose x is in Z0 and p, s in Z4,
// Z2 (CORE16) for what (a register) 1 to 3: e^x − 1, exprel (e^x − 1)/x
// or exprelinv x/(e^x − 1), 1 where x = 0; it stores the result at
// (SI)(AX*4) and goes on at loop with AX = DX. rel, inv and store name
// its labels.
#define EM1REL16(what, loop, rel, inv, store) \
	EM116(Z4, Z2, Z5)              \
	CMPQ    what, $1               \
	JNE     rel                    \
	VMOVUPS Z2, (SI)(AX*4)         \
	MOVQ    DX, AX                 \
	JMP     loop                   \
rel:                                   \
	VCMPPS  $0x0c, Z30, Z0, K3     \
	VMOVAPS Z25, Z5                \
	CMPQ    what, $2               \
	JNE     inv                    \
	VDIVPS  Z0, Z2, K3, Z5         \
	JMP     store                  \
inv:                                   \
	VDIVPS  Z2, Z0, K3, Z5         \
store:                                 \
	VMOVUPS Z5, (SI)(AX*4)         \
	MOVQ    DX, AX                 \
	JMP     loop

// func exp32x16(x []float32, what int) int
TEXT ·exp32x16(SB), NOSPLIT, $0-40
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	MOVQ what+24(FP), R14
	LOADK16
	XORQ AX, AX

loop32:
	// two groups per iteration while both are in range
	LEAQ    32(AX), DX
	CMPQ    DX, CX
	JGT     loop16
	VMOVUPS (SI)(AX*4), Z0
	VMOVUPS 64(SI)(AX*4), Z8
	CHECK16(Z0, K1)
	CHECK16(Z8, K2)
	KANDW   K1, K2, K1
	KMOVW   K1, BX
	CMPQ    BX, $0xffff
	JNE     loop16
	CORE16(Z0, Z1, Z3, Z4, Z2)
	CORE16(Z8, Z9, Z11, Z12, Z10)
	CMPQ    R14, $0
	JNE     em32
	EXP16(Z4, Z2)
	EXP16(Z12, Z10)
	VMOVUPS Z2, (SI)(AX*4)
	VMOVUPS Z10, 64(SI)(AX*4)
	MOVQ    DX, AX
	JMP     loop32
em32:
	EM116(Z4, Z2, Z5)
	EM116(Z12, Z10, Z13)
	CMPQ    R14, $1
	JNE     rel32
	VMOVUPS Z2, (SI)(AX*4)
	VMOVUPS Z10, 64(SI)(AX*4)
	MOVQ    DX, AX
	JMP     loop32
rel32:
	// exprel: (e^x − 1)/x, exprelinv: x/(e^x − 1); 1 where x = 0
	VCMPPS  $0x0c, Z30, Z0, K3
	VCMPPS  $0x0c, Z30, Z8, K4
	VMOVAPS Z25, Z5
	VMOVAPS Z25, Z13
	CMPQ    R14, $2
	JNE     inv32
	VDIVPS  Z0, Z2, K3, Z5
	VDIVPS  Z8, Z10, K4, Z13
	JMP     store32
inv32:
	VDIVPS  Z2, Z0, K3, Z5
	VDIVPS  Z10, Z8, K4, Z13
store32:
	VMOVUPS Z5, (SI)(AX*4)
	VMOVUPS Z13, 64(SI)(AX*4)
	MOVQ    DX, AX
	JMP     loop32

loop16:
	LEAQ    16(AX), DX
	CMPQ    DX, CX
	JGT     done
	VMOVUPS (SI)(AX*4), Z0
	CHECK16(Z0, K1)
	KMOVW   K1, BX
	CMPQ    BX, $0xffff
	JNE     done
	CORE16(Z0, Z1, Z3, Z4, Z2)
	CMPQ    R14, $0
	JNE     em16
	EXP16(Z4, Z2)
	VMOVUPS Z2, (SI)(AX*4)
	MOVQ    DX, AX
	JMP     loop32
em16:
	EM1REL16(R14, loop32, rel16, inv16, store16)

done:
	VZEROUPPER
	MOVQ AX, ret+32(FP)
	RET

// func expDiv32x16(x, q, d []float32) int
TEXT ·expDiv32x16(SB), NOSPLIT, $0-80
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	MOVQ q_base+24(FP), R14
	MOVQ d_base+48(FP), R8
	LOADK16
	XORQ AX, AX

div32:
	LEAQ    32(AX), DX
	CMPQ    DX, CX
	JGT     div16
	VMOVUPS (SI)(AX*4), Z0
	VMOVUPS 64(SI)(AX*4), Z8
	CHECK16(Z0, K1)
	CHECK16(Z8, K2)
	KANDW   K1, K2, K1
	KMOVW   K1, BX
	CMPQ    BX, $0xffff
	JNE     div16
	VMOVUPS (R14)(AX*4), Z5
	VMOVUPS 64(R14)(AX*4), Z13
	VDIVPS  (R8)(AX*4), Z5, Z5
	VDIVPS  64(R8)(AX*4), Z13, Z13
	CORE16(Z0, Z1, Z3, Z4, Z2)
	CORE16(Z8, Z9, Z11, Z12, Z10)
	EXP16(Z4, Z2)
	EXP16(Z12, Z10)
	VMOVUPS Z2, (SI)(AX*4)
	VMOVUPS Z10, 64(SI)(AX*4)
	VMOVUPS Z5, (R14)(AX*4)
	VMOVUPS Z13, 64(R14)(AX*4)
	MOVQ    DX, AX
	JMP     div32

div16:
	LEAQ    16(AX), DX
	CMPQ    DX, CX
	JGT     divDone
	VMOVUPS (SI)(AX*4), Z0
	CHECK16(Z0, K1)
	KMOVW   K1, BX
	CMPQ    BX, $0xffff
	JNE     divDone
	VMOVUPS (R14)(AX*4), Z5
	VDIVPS  (R8)(AX*4), Z5, Z5
	CORE16(Z0, Z1, Z3, Z4, Z2)
	EXP16(Z4, Z2)
	VMOVUPS Z2, (SI)(AX*4)
	VMOVUPS Z5, (R14)(AX*4)
	MOVQ    DX, AX
	JMP     div32

divDone:
	VZEROUPPER
	MOVQ AX, ret+72(FP)
	RET

// func pair32x16(x, y, e []float32, what int) int
TEXT ·pair32x16(SB), NOSPLIT, $0-88
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	MOVQ y_base+24(FP), R14
	MOVQ e_base+48(FP), R8
	MOVQ what+72(FP), R9
	LOADK16
	XORQ AX, AX

pair16:
	LEAQ    16(AX), DX
	CMPQ    DX, CX
	JGT     pairDone
	VMOVUPS (SI)(AX*4), Z0
	CHECK16(Z0, K1)
	KMOVW   K1, BX
	CMPQ    BX, $0xffff
	JNE     pairDone
	CORE16(Z0, Z1, Z3, Z4, Z2)
	VMOVAPS Z2, Z7
	VFMADD213PS Z2, Z4, Z7 // e^x = fma(s, p, s)
	TESTQ   R8, R8
	JNE     pairParts
	VDIVPS  Z7, Z25, Z8    // 1/e^x
	VMOVUPS Z8, (R14)(AX*4)
	JMP     pairKind

pairParts:
	VMOVUPS Z25, (R14)(AX*4) // 1
	VMOVUPS Z7, (R8)(AX*4)   // e^x

pairKind:
	CMPQ    R9, $0
	JNE     pairM1
	VMOVUPS Z7, (SI)(AX*4)
	MOVQ    DX, AX
	JMP     pair16

pairM1:
	EM1REL16(R9, pair16, pairRel, pairInv, pairStore)

pairDone:
	VZEROUPPER
	MOVQ AX, ret+80(FP)
	RET
