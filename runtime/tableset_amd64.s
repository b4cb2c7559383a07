//go:build amd64 && !purego

#include "textflag.h"

// func atSetAVX2(dst []float64, stride int, x, data []float64, k int, lo, inv, last float64) int
//
// TableSet.AtTo for groups of four values of x, up to the first group with
// a lane outside (0, last) in grid units (or NaN); returns the number of
// values done. For each group the grid position is found once, f = (x −
// lo)·inv, i = int(f), and each function k is interpolated as At does it,
// d[0] + (f − i)·(d[1] − d[0]), with separate multiply and add as the
// amd64 Go compiler emits them: the results are At's bits.
TEXT ·atSetAVX2(SB), NOSPLIT, $0-120
	MOVQ         dst_base+0(FP), DI
	MOVQ         stride+24(FP), R14
	SHLQ         $3, R14              // stride in bytes
	MOVQ         x_base+32(FP), SI
	MOVQ         x_len+40(FP), CX
	MOVQ         data_base+56(FP), R12
	MOVQ         k+80(FP), R13
	VBROADCASTSD lo+88(FP), Y13
	VBROADCASTSD inv+96(FP), Y14
	VBROADCASTSD last+104(FP), Y15
	VXORPD       Y12, Y12, Y12
	SHLQ         $4, R13              // row size in bytes: k pairs of float64
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
	// the four rows' addresses
	VMOVD     X1, R8
	VPEXTRD   $1, X1, R9
	VPEXTRD   $2, X1, R10
	VPEXTRD   $3, X1, R11
	IMULQ     R13, R8
	IMULQ     R13, R9
	IMULQ     R13, R10
	IMULQ     R13, R11
	ADDQ      R12, R8
	ADDQ      R12, R9
	ADDQ      R12, R10
	ADDQ      R12, R11
	LEAQ      (DI)(AX*8), R15      // dst of function 0
	XORQ      BX, BX               // byte offset of function k in a row

fn:
	// (d[i], d[i+1]) of lanes 0 and 2 in Y3, of lanes 1 and 3 in Y4
	VMOVUPD   (R8)(BX*1), X3
	VMOVUPD   (R9)(BX*1), X4
	VINSERTF128 $1, (R10)(BX*1), Y3, Y3
	VINSERTF128 $1, (R11)(BX*1), Y4, Y4
	VUNPCKLPD Y4, Y3, Y5           // d[i]
	VUNPCKHPD Y4, Y3, Y6           // d[i+1]
	VSUBPD    Y5, Y6, Y6           // d[i+1] − d[i]
	VMULPD    Y6, Y0, Y6           // (f − i)·(…)
	VADDPD    Y6, Y5, Y5
	VMOVUPD   Y5, (R15)
	ADDQ      R14, R15
	ADDQ      $16, BX
	CMPQ      BX, R13
	JLT       fn

	MOVQ      DX, AX
	JMP       loop

done:
	VZEROUPPER
	MOVQ AX, ret+112(FP)
	RET
