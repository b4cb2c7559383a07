//go:build amd64 && !purego

#include "textflag.h"

// The AVX-512 kernels of fastexp_amd64.go: fastexp_amd64.s's AVX2 kernels
// on eight lanes. Each lane repeats the operations of reduce, em1Poly and
// Exp / expm1Fast (fastexp.go) in their order, the scalar code's math.FMA
// calls as VFMADD instructions, so every result is bit-identical to the
// scalar function's and to the AVX2 kernels'. The constants live in
// Z16–Z29 and Z31 for the whole call and the tables are read with VGATHERQPD.

// Byte offsets of the constants in ·avxK (index × 32, see fastexp_amd64.go).
#define INV64 0
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
#define I63 416
#define ROUNDE 480
#define ROUNDM 512
#define HI12 544

// SETUP8 loads the arguments and broadcasts the constants: Z16 the
// rounding constant RND (ROUNDE or ROUNDM, see REDUCE8), Z17 64/ln2, Z18
// and Z19 ln2/64 (high, low), Z20–Z24 c2–c6, Z25 loFast, Z26 hiFast,
// Z27 1, Z28 0xfff0000000000000, Z29 63 (integer), Z31 0.
#define SETUP8(RND) \
	MOVQ x_base+0(FP), SI              \
	MOVQ x_len+8(FP), CX               \
	LEAQ ·avxK(SB), DI                 \
	VBROADCASTSD RND(DI), Z16          \
	VBROADCASTSD INV64(DI), Z17        \
	VBROADCASTSD L64HI(DI), Z18        \
	VBROADCASTSD L64LO(DI), Z19        \
	VBROADCASTSD C2(DI), Z20           \
	VBROADCASTSD C3(DI), Z21           \
	VBROADCASTSD C4(DI), Z22           \
	VBROADCASTSD C5(DI), Z23           \
	VBROADCASTSD C6(DI), Z24           \
	VBROADCASTSD LOFAST(DI), Z25       \
	VBROADCASTSD HIFAST(DI), Z26       \
	VBROADCASTSD ONE(DI), Z27          \
	VPBROADCASTQ HI12(DI), Z28         \
	VPBROADCASTQ I63(DI), Z29          \
	VPXORQ Z31, Z31, Z31               \
	LEAQ ·expTab(SB), R12              \
	LEAQ ·expTabM1(SB), R13            \
	XORQ AX, AX

// CHECK8 sets Kk to the range mask of Zx (set where loFast < x < hiFast,
// clear for NaN).
#define CHECK8(Zx, Kk) \
	VCMPPD $0x1e, Z25, Zx, Kk          \
	VCMPPD $0x11, Z26, Zx, Kk, Kk

// NONZERO8 clears in Kk the lanes where Zx = 0.
#define NONZERO8(Zx, Kk) \
	VCMPPD $0x0c, Z31, Zx, Kk, Kk

// REDUCE8 is reduce for x in Zx: r in Zr, the table indices in Zt, and
// in Zpm 2^m if Z16 = roundM, or if Z16 = roundE m·2^52 (mod 2^64), the
// integer that adds m to a float64's exponent field. t = x·64/ln2 + Z16
// has the bits of round + k + 32 (+ 1023·64 for roundM), so t − Z16 is k
// as in reduce, t's low six bits are the index and the next twelve m
// (+ 1023): the top twelve bits of t<<46 are those of m·2^52 (of 2^m).
#define REDUCE8(Zx, Zt, Zpm, Zr) \
	VMOVAPD Zx, Zt                     \
	VFMADD132PD Z17, Z16, Zt           \
	VSUBPD  Z16, Zt, Zpm               \
	VMOVAPD Zx, Zr                     \
	VFNMADD231PD Z18, Zpm, Zr          \
	VFNMADD231PD Z19, Zpm, Zr          \
	VPSLLQ  $46, Zt, Zpm               \
	VPANDQ  Z28, Zpm, Zpm              \
	VPANDQ  Z29, Zt, Zt

// POLY8 sets Zp to em1Poly(r), r in Zr; Ztmp is scratch.
#define POLY8(Zr, Zp, Ztmp) \
	VMOVAPD Z24, Zp                    \
	VFMADD213PD Z23, Zr, Zp            \
	VFMADD213PD Z22, Zr, Zp            \
	VFMADD213PD Z21, Zr, Zp            \
	VFMADD213PD Z20, Zr, Zp            \
	VMULPD  Zr, Zr, Ztmp               \
	VFMADD213PD Zr, Ztmp, Zp

// GATHER8 loads tab[Zt[0]], …, tab[Zt[7]] (tab at R) into Z, with the
// mask register Kk (which the gather clears).
#define GATHER8(R, Zt, Z, Kk) \
	KXNORW Kk, Kk, Kk                  \
	VGATHERQPD (R)(Zt*8), Kk, Z

// EXP8 sets Ztab to Exp: FMA(tab, em, tab)·2^m, with Zpm = m·2^52
// (REDUCE8 after SETUP8(ROUNDE)): in the fast range the product is a
// normal float64 (e^x > e^loFast > 2^-1022) and so exact, the same number
// as adding m to the exponent field of FMA(tab, em) (in [0.7, 1.5]).
#define EXP8(Zt, Ztab, Zem, Zpm, Kk) \
	GATHER8(R12, Zt, Ztab, Kk)         \
	VFMADD132PD Zem, Ztab, Ztab        \
	VPADDQ  Zpm, Ztab, Ztab

// EXPM18 sets Ztab to expm1Fast: FMA(2^m, FMA(tab, em, tabM1), 2^m − 1);
// Zm1 is scratch.
#define EXPM18(Zt, Ztab, Zm1, Zem, Zpm, Kk, Kl) \
	GATHER8(R12, Zt, Ztab, Kk)         \
	GATHER8(R13, Zt, Zm1, Kl)          \
	VFMADD213PD Zm1, Zem, Ztab         \
	VSUBPD  Z27, Zpm, Zm1              \
	VFMADD213PD Zm1, Zpm, Ztab

// FINISH8 applies the kind (R14: 1 Expm1, 2 Exprel, 3 ExprelInv) to
// e^x − 1 in Ze, x in Zx.
#define FINISH8(Zx, Ze) \
	CMPQ    R14, $2                    \
	JLT     5(PC)                      \
	JEQ     3(PC)                      \
	VDIVPD  Ze, Zx, Ze                 \
	JMP     2(PC)                      \
	VDIVPD  Zx, Ze, Ze

// func exp512(x []float64) int
TEXT ·exp512(SB), NOSPLIT, $0-32
	SETUP8(ROUNDE)

exp16:
	// two groups per iteration while both are in range
	LEAQ      16(AX), DX
	CMPQ      DX, CX
	JGT       exp8
	VMOVUPD   (SI)(AX*8), Z0
	VMOVUPD   64(SI)(AX*8), Z8
	CHECK8(Z0, K1)
	CHECK8(Z8, K4)
	KANDW     K1, K4, K1
	KMOVW     K1, BX
	CMPQ      BX, $0xff
	JNE       exp8
	REDUCE8(Z0, Z1, Z2, Z3)
	REDUCE8(Z8, Z9, Z10, Z11)
	POLY8(Z3, Z4, Z5)
	POLY8(Z11, Z12, Z13)
	EXP8(Z1, Z5, Z4, Z2, K2)
	EXP8(Z9, Z13, Z12, Z10, K3)
	VMOVUPD   Z5, (SI)(AX*8)
	VMOVUPD   Z13, 64(SI)(AX*8)
	MOVQ      DX, AX
	JMP       exp16

exp8:
	LEAQ      8(AX), DX
	CMPQ      DX, CX
	JGT       expDone
	VMOVUPD   (SI)(AX*8), Z0
	CHECK8(Z0, K1)
	KMOVW     K1, BX
	CMPQ      BX, $0xff
	JNE       expDone
	REDUCE8(Z0, Z1, Z2, Z3)
	POLY8(Z3, Z4, Z5)
	EXP8(Z1, Z5, Z4, Z2, K2)
	VMOVUPD   Z5, (SI)(AX*8)
	MOVQ      DX, AX
	JMP       exp16

expDone:
	VZEROUPPER
	MOVQ AX, ret+24(FP)
	RET

// func expDiv512(x, q, d []float64) int
// exp512 with q[k] /= d[k] in each group.
TEXT ·expDiv512(SB), NOSPLIT, $0-80
	SETUP8(ROUNDE)
	MOVQ q_base+24(FP), R14
	MOVQ d_base+48(FP), R8

expDiv16:
	LEAQ      16(AX), DX
	CMPQ      DX, CX
	JGT       expDiv8
	VMOVUPD   (SI)(AX*8), Z0
	VMOVUPD   64(SI)(AX*8), Z8
	CHECK8(Z0, K1)
	CHECK8(Z8, K4)
	KANDW     K1, K4, K1
	KMOVW     K1, BX
	CMPQ      BX, $0xff
	JNE       expDiv8
	REDUCE8(Z0, Z1, Z2, Z3)
	REDUCE8(Z8, Z9, Z10, Z11)
	VMOVUPD   (R14)(AX*8), Z14
	VMOVUPD   64(R14)(AX*8), Z15
	VDIVPD    (R8)(AX*8), Z14, Z14
	VDIVPD    64(R8)(AX*8), Z15, Z15
	POLY8(Z3, Z4, Z5)
	POLY8(Z11, Z12, Z13)
	EXP8(Z1, Z5, Z4, Z2, K2)
	EXP8(Z9, Z13, Z12, Z10, K3)
	VMOVUPD   Z5, (SI)(AX*8)
	VMOVUPD   Z13, 64(SI)(AX*8)
	VMOVUPD   Z14, (R14)(AX*8)
	VMOVUPD   Z15, 64(R14)(AX*8)
	MOVQ      DX, AX
	JMP       expDiv16

expDiv8:
	LEAQ      8(AX), DX
	CMPQ      DX, CX
	JGT       expDivDone
	VMOVUPD   (SI)(AX*8), Z0
	CHECK8(Z0, K1)
	KMOVW     K1, BX
	CMPQ      BX, $0xff
	JNE       expDivDone
	REDUCE8(Z0, Z1, Z2, Z3)
	VMOVUPD   (R14)(AX*8), Z14
	VDIVPD    (R8)(AX*8), Z14, Z14
	POLY8(Z3, Z4, Z5)
	EXP8(Z1, Z5, Z4, Z2, K2)
	VMOVUPD   Z5, (SI)(AX*8)
	VMOVUPD   Z14, (R14)(AX*8)
	MOVQ      DX, AX
	JMP       expDiv16

expDivDone:
	VZEROUPPER
	MOVQ AX, ret+72(FP)
	RET

// func em1512(x []float64, what int) int
TEXT ·em1512(SB), NOSPLIT, $0-40
	SETUP8(ROUNDM)
	MOVQ what+24(FP), R14

em16:
	LEAQ      16(AX), DX
	CMPQ      DX, CX
	JGT       em8
	VMOVUPD   (SI)(AX*8), Z0
	VMOVUPD   64(SI)(AX*8), Z8
	CHECK8(Z0, K1)
	NONZERO8(Z0, K1)
	CHECK8(Z8, K4)
	NONZERO8(Z8, K4)
	KANDW     K1, K4, K1
	KMOVW     K1, BX
	CMPQ      BX, $0xff
	JNE       em8
	REDUCE8(Z0, Z1, Z2, Z3)
	REDUCE8(Z8, Z9, Z10, Z11)
	POLY8(Z3, Z4, Z5)
	POLY8(Z11, Z12, Z13)
	EXPM18(Z1, Z5, Z3, Z4, Z2, K2, K3)
	EXPM18(Z9, Z13, Z11, Z12, Z10, K5, K6)
	FINISH8(Z0, Z5)
	FINISH8(Z8, Z13)
	VMOVUPD   Z5, (SI)(AX*8)
	VMOVUPD   Z13, 64(SI)(AX*8)
	MOVQ      DX, AX
	JMP       em16

em8:
	LEAQ      8(AX), DX
	CMPQ      DX, CX
	JGT       em1Done
	VMOVUPD   (SI)(AX*8), Z0
	CHECK8(Z0, K1)
	NONZERO8(Z0, K1)
	KMOVW     K1, BX
	CMPQ      BX, $0xff
	JNE       em1Done
	REDUCE8(Z0, Z1, Z2, Z3)
	POLY8(Z3, Z4, Z5)
	EXPM18(Z1, Z5, Z3, Z4, Z2, K2, K3)
	FINISH8(Z0, Z5)
	VMOVUPD   Z5, (SI)(AX*8)
	MOVQ      DX, AX
	JMP       em16

em1Done:
	VZEROUPPER
	MOVQ AX, ret+32(FP)
	RET

// PAIRE8 sets Ze to e^x = FMA(tab, em, tab)·2^m after the gathers of one
// group of pair512 (tab in Ztab, em in Zem, 2^m in Zpm).
#define PAIRE8(Ztab, Zem, Zpm, Ze) \
	VMOVAPD Ztab, Ze                   \
	VFMADD132PD Zem, Ztab, Ze          \
	VMULPD  Zpm, Ze, Ze

// PAIRM18 sets Ztab to e^x − 1 = FMA(2^m, FMA(tab, em, tabM1), 2^m − 1);
// Ztmp is scratch.
#define PAIRM18(Ztab, ZtabM1, Zem, Zpm, Ztmp) \
	VFMADD213PD ZtabM1, Zem, Ztab      \
	VSUBPD  Z27, Zpm, Ztmp             \
	VFMADD213PD Ztmp, Zpm, Ztab

// func pair512(x, y, d []float64, what int) int
//
// pair16 does two groups of eight per iteration while both are in range
// (the groups' instructions interleaved, which keeps the gathers and the
// divisions of both in flight), pair8 one; every lane does pair8's
// operations in its order.
TEXT ·pair512(SB), NOSPLIT, $0-88
	SETUP8(ROUNDM)
	MOVQ y_base+24(FP), R14
	MOVQ d_base+48(FP), R8
	MOVQ what+72(FP), R11

pair16:
	LEAQ      16(AX), DX
	CMPQ      DX, CX
	JGT       pair8
	VMOVUPD   (SI)(AX*8), Z0
	VMOVUPD   64(SI)(AX*8), Z8
	CHECK8(Z0, K1)
	CHECK8(Z8, K4)
	CMPQ      R11, $2
	JLT       pair16Range
	NONZERO8(Z0, K1)
	NONZERO8(Z8, K4)

pair16Range:
	KANDW     K1, K4, K1
	KMOVW     K1, BX
	CMPQ      BX, $0xff
	JNE       pair8
	REDUCE8(Z0, Z1, Z2, Z3)
	REDUCE8(Z8, Z9, Z10, Z11)
	POLY8(Z3, Z4, Z5)
	POLY8(Z11, Z12, Z13)
	GATHER8(R12, Z1, Z6, K2)
	GATHER8(R13, Z1, Z7, K3)
	GATHER8(R12, Z9, Z14, K5)
	GATHER8(R13, Z9, Z15, K6)
	PAIRE8(Z6, Z4, Z2, Z5)
	PAIRE8(Z14, Z12, Z10, Z13)
	TESTQ     R8, R8
	JNE       pair16Parts
	VDIVPD    Z5, Z27, Z3  // 1/e^x
	VDIVPD    Z13, Z27, Z11
	VMOVUPD   Z3, (R14)(AX*8)
	VMOVUPD   Z11, 64(R14)(AX*8)
	JMP       pair16Kind

pair16Parts:
	VMOVUPD   Z27, (R14)(AX*8) // 1
	VMOVUPD   Z27, 64(R14)(AX*8)
	VMOVUPD   Z5, (R8)(AX*8)   // e^x
	VMOVUPD   Z13, 64(R8)(AX*8)

pair16Kind:
	CMPQ      R11, $0
	JNE       pair16M1
	VMOVUPD   Z5, (SI)(AX*8)
	VMOVUPD   Z13, 64(SI)(AX*8)
	MOVQ      DX, AX
	JMP       pair16

pair16M1:
	PAIRM18(Z6, Z7, Z4, Z2, Z3)
	PAIRM18(Z14, Z15, Z12, Z10, Z11)
	CMPQ      R11, $2
	JLT       pair16Store
	JEQ       pair16Rel
	VDIVPD    Z6, Z0, Z6   // x/(e^x − 1)
	VDIVPD    Z14, Z8, Z14
	JMP       pair16Store

pair16Rel:
	VDIVPD    Z0, Z6, Z6   // (e^x − 1)/x
	VDIVPD    Z8, Z14, Z14

pair16Store:
	VMOVUPD   Z6, (SI)(AX*8)
	VMOVUPD   Z14, 64(SI)(AX*8)
	MOVQ      DX, AX
	JMP       pair16

pair8:
	LEAQ      8(AX), DX
	CMPQ      DX, CX
	JGT       pairDone
	VMOVUPD   (SI)(AX*8), Z0
	CHECK8(Z0, K1)
	CMPQ      what+72(FP), $2
	JLT       pairRange
	NONZERO8(Z0, K1)

pairRange:
	KMOVW     K1, BX
	CMPQ      BX, $0xff
	JNE       pairDone
	REDUCE8(Z0, Z1, Z2, Z3)
	POLY8(Z3, Z4, Z5)
	GATHER8(R12, Z1, Z6, K2)
	GATHER8(R13, Z1, Z8, K3)
	VMOVAPD   Z6, Z9
	VFMADD132PD Z4, Z6, Z9 // FMA(tab, em, tab)
	VMULPD    Z2, Z9, Z9   // e^x
	TESTQ     R8, R8
	JNE       pairParts
	VDIVPD    Z9, Z27, Z10 // 1/e^x
	VMOVUPD   Z10, (R14)(AX*8)
	JMP       pairKind

pairParts:
	VMOVUPD   Z27, (R14)(AX*8) // 1
	VMOVUPD   Z9, (R8)(AX*8)   // e^x

pairKind:
	CMPQ      what+72(FP), $0
	JNE       pairM1
	VMOVUPD   Z9, (SI)(AX*8)
	MOVQ      DX, AX
	JMP       pair16

pairM1:
	VFMADD213PD Z8, Z4, Z6 // FMA(tab, em, tabM1)
	VSUBPD    Z27, Z2, Z5
	VFMADD213PD Z5, Z2, Z6 // e^x − 1
	CMPQ      what+72(FP), $2
	JLT       pairStore
	JEQ       pairRel
	VDIVPD    Z6, Z0, Z6   // x/(e^x − 1)
	JMP       pairStore

pairRel:
	VDIVPD    Z0, Z6, Z6   // (e^x − 1)/x

pairStore:
	VMOVUPD   Z6, (SI)(AX*8)
	MOVQ      DX, AX
	JMP       pair16

pairDone:
	VZEROUPPER
	MOVQ AX, ret+80(FP)
	RET

// func cpuAVX512() bool: AVX2, FMA and AVX-512 F, and the OS saves the
// YMM, ZMM and mask registers.
TEXT ·cpuAVX512(SB), NOSPLIT, $0-1
	MOVL $1, AX
	XORL CX, CX
	CPUID
	// FMA (bit 12), OSXSAVE (bit 27) and AVX (bit 28)
	ANDL $0x18001000, CX
	CMPL CX, $0x18001000
	JNE  no
	XORL CX, CX
	XGETBV
	// XCR0: SSE (bit 1), AVX (bit 2), opmask (5), ZMM0–15 upper halves (6), ZMM16–31 (7)
	ANDL $0xe6, AX
	CMPL AX, $0xe6
	JNE  no
	MOVL $7, AX
	XORL CX, CX
	CPUID
	// AVX2 (leaf 7, EBX bit 5) and AVX-512 F (bit 16)
	ANDL $0x10020, BX
	CMPL BX, $0x10020
	JNE  no
	MOVB $1, ret+0(FP)
	RET
no:
	MOVB $0, ret+0(FP)
	RET

// func scale512(x []float64, f float64) int
TEXT ·scale512(SB), NOSPLIT, $0-40
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	VBROADCASTSD f+24(FP), Z1
	XORQ AX, AX

scale32:
	LEAQ    32(AX), DX
	CMPQ    DX, CX
	JGT     scaleDone
	VMULPD  (SI)(AX*8), Z1, Z2
	VMULPD  64(SI)(AX*8), Z1, Z3
	VMULPD  128(SI)(AX*8), Z1, Z4
	VMULPD  192(SI)(AX*8), Z1, Z5
	VMOVUPD Z2, (SI)(AX*8)
	VMOVUPD Z3, 64(SI)(AX*8)
	VMOVUPD Z4, 128(SI)(AX*8)
	VMOVUPD Z5, 192(SI)(AX*8)
	MOVQ    DX, AX
	JMP     scale32

scaleDone:
	VZEROUPPER
	MOVQ AX, ret+32(FP)
	RET

// func indDecay512(x []float64, a, b float64) int
TEXT ·indDecay512(SB), NOSPLIT, $0-48
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	VBROADCASTSD a+24(FP), Z1
	VBROADCASTSD b+32(FP), Z2
	MOVQ $0x8000000000000000, DX
	MOVQ DX, X3
	VBROADCASTSD X3, Z3
	XORQ AX, AX

indDecay16:
	LEAQ    16(AX), DX
	CMPQ    DX, CX
	JGT     indDecayDone
	VMOVUPD (SI)(AX*8), Z4
	VMOVUPD 64(SI)(AX*8), Z5
	VXORPD  Z3, Z4, Z6 // −x
	VXORPD  Z3, Z5, Z7
	VMULPD  Z2, Z6, Z6 // (−x)·b
	VMULPD  Z2, Z7, Z7
	VMULPD  Z6, Z1, Z6 // a·((−x)·b)
	VMULPD  Z7, Z1, Z7
	VADDPD  Z6, Z4, Z4 // x + a·((−x)·b)
	VADDPD  Z7, Z5, Z5
	VMOVUPD Z4, (SI)(AX*8)
	VMOVUPD Z5, 64(SI)(AX*8)
	MOVQ    DX, AX
	JMP     indDecay16

indDecayDone:
	VZEROUPPER
	MOVQ AX, ret+40(FP)
	RET

// EULERSTORE16 ends a group of ExpEuler/IndEuler: the old s (in Z4,
// Z5) goes to c (R8), the new values (Z8, Z9) to s (SI), their n − n
// are added to the sums in Z0, Z1, and AX moves on to DX.
#define EULERSTORE16 \
	VMOVUPD Z4, (R8)(AX*8)        \
	VMOVUPD Z5, 64(R8)(AX*8)      \
	VMOVUPD Z8, (SI)(AX*8)        \
	VMOVUPD Z9, 64(SI)(AX*8)      \
	VSUBPD  Z8, Z8, Z10          \
	VSUBPD  Z9, Z9, Z11          \
	VADDPD  Z10, Z0, Z0          \
	VADDPD  Z11, Z1, Z1          \
	MOVQ    DX, AX

// SUMN16 adds the sums of n − n in Z0 and Z1 into X0 (low lane).
#define SUMN16 \
	VADDPD        Z1, Z0, Z0 \
	VEXTRACTF64X4 $1, Z0, Y1 \
	VADDPD        Y1, Y0, Y0 \
	VEXTRACTF128  $1, Y0, X1 \
	VADDPD        X1, X0, X0 \
	VUNPCKHPD     X0, X0, X1 \
	VADDSD        X1, X0, X0

// func expEuler512(s, b, c []float64) (int, float64)
TEXT ·expEuler512(SB), NOSPLIT, $0-88
	MOVQ     s_base+0(FP), SI
	MOVQ     s_len+8(FP), CX
	MOVQ     b_base+24(FP), DI
	MOVQ     c_base+48(FP), R8
	VXORPD   Z0, Z0, Z0 // sums of n − n
	VXORPD   Z1, Z1, Z1
	XORQ     AX, AX

expEuler16:
	LEAQ    16(AX), DX
	CMPQ    DX, CX
	JGT     expEulerDone
	VMOVUPD (SI)(AX*8), Z4 // s
	VMOVUPD 64(SI)(AX*8), Z5
	VMOVUPD (DI)(AX*8), Z6 // b
	VMOVUPD 64(DI)(AX*8), Z7
	VADDPD  Z4, Z6, Z8 // b + s
	VADDPD  Z5, Z7, Z9
	VMULPD  (R8)(AX*8), Z8, Z8 // (b + s)·c
	VMULPD  64(R8)(AX*8), Z9, Z9
	VSUBPD  Z6, Z8, Z8 // (b + s)·c − b
	VSUBPD  Z7, Z9, Z9
	EULERSTORE16
	JMP     expEuler16

expEulerDone:
	SUMN16
	VZEROUPPER
	MOVQ          AX, ret+72(FP)
	MOVSD         X0, ret1+80(FP)
	RET

// ABOVE8 sets bits off..off+7 of R8 to whether x[AX+off+k] > th (Z1):
// predicate LT_OQ, th < x, false for a NaN.
#define ABOVE8(off) \
	VCMPPD $0x11, (off*8)(SI)(AX*8), Z1, K1 \
	KMOVW  K1, R9 \
	SHLQ   $off, R9 \
	ORQ    R9, R8

// func above512(x []float64, th float64, mask []uint64) int
TEXT ·above512(SB), NOSPLIT, $0-64
	MOVQ         x_base+0(FP), SI
	MOVQ         x_len+8(FP), CX
	VBROADCASTSD th+24(FP), Z1
	MOVQ         mask_base+32(FP), DI
	XORQ         AX, AX
	XORQ         BX, BX

above64:
	LEAQ 64(AX), DX
	CMPQ DX, CX
	JGT  aboveDone
	XORQ R8, R8
	ABOVE8(0)
	ABOVE8(8)
	ABOVE8(16)
	ABOVE8(24)
	ABOVE8(32)
	ABOVE8(40)
	ABOVE8(48)
	ABOVE8(56)
	MOVQ R8, (DI)(BX*8)
	INCQ BX
	MOVQ DX, AX
	JMP  above64

aboveDone:
	VZEROUPPER
	MOVQ BX, ret+56(FP)
	RET

// func indEuler512(s, c, b []float64, h float64) (int, float64)
TEXT ·indEuler512(SB), NOSPLIT, $0-96
	MOVQ         s_base+0(FP), SI
	MOVQ         s_len+8(FP), CX
	MOVQ         c_base+24(FP), R8
	MOVQ         b_base+48(FP), DI
	VBROADCASTSD h+72(FP), Z3
	VXORPD       Z0, Z0, Z0 // sums of n − n
	VXORPD       Z1, Z1, Z1
	XORQ         AX, AX

indEuler16:
	LEAQ    16(AX), DX
	CMPQ    DX, CX
	JGT     indEulerDone
	VMOVUPD (SI)(AX*8), Z4 // s
	VMOVUPD 64(SI)(AX*8), Z5
	VMULPD  (R8)(AX*8), Z3, Z8 // h·c
	VMULPD  64(R8)(AX*8), Z3, Z9
	VMULPD  (DI)(AX*8), Z8, Z8 // (h·c)·b
	VMULPD  64(DI)(AX*8), Z9, Z9
	VADDPD  Z8, Z4, Z8 // s + (h·c)·b
	VADDPD  Z9, Z5, Z9
	EULERSTORE16
	JMP     indEuler16

indEulerDone:
	SUMN16
	VZEROUPPER
	MOVQ          AX, ret+80(FP)
	MOVSD         X0, ret1+88(FP)
	RET
