//go:build amd64 && !purego

package runtime

import "math"

// exp32x16 replaces x[k] by Exp32, Expm1_32, Exprel32 or ExprelInv32 (what)
// of it for k = 0, 16, 32, … group by group of sixteen, up to the first
// group with a lane outside the fast path, and returns the number of values
// done (exp32_512_amd64.s; the CPU must have AVX-512 F).
//
//go:noescape
func exp32x16(x []float32, what int) int

// expDiv32x16 is exp32x16 for what = exp that also sets q[k] = q[k]/d[k]
// for the values it does (ExpDivSlice32).
//
//go:noescape
func expDiv32x16(x, q, d []float32) int

// pair32x16 is exp32x16 for the pair forms: it also sets y[k] = 1/e^x[k],
// or, if e is not empty (the parts forms), y[k] = 1 and e[k] = e^x[k].
//
//go:noescape
func pair32x16(x, y, e []float32, what int) int

// avx32K holds exp32x16's constants (its K_ offsets index it by 4 bytes).
var avx32K = [11]uint32{
	math.Float32bits(round32), math.Float32bits(inv8l2), 0, 0,
	math.Float32bits(q2), math.Float32bits(q3), math.Float32bits(q4),
	math.Float32bits(loFast32), math.Float32bits(hiFast32), math.Float32bits(1),
	math.Float32bits(-1.0 / 8), // −k·(−1/8) = k/8: VSCALEFPS scales by 2^floor(k/8) = 2^m
}

func init() {
	avx32K[2], avx32K[3] = math.Float32bits(l8Hi), math.Float32bits(l8Lo)
}

// asm32x16 reports whether this build has exp32x16.
const asm32x16 = true
