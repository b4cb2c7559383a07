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
var avx32K = [12]uint32{
	math.Float32bits(round32), math.Float32bits(invl2), math.Float32bits(l2Hi), math.Float32bits(l2Lo),
	math.Float32bits(e2f32), math.Float32bits(e3f32), math.Float32bits(e4f32), math.Float32bits(e5f32), math.Float32bits(e6f32),
	math.Float32bits(loFast32), math.Float32bits(hiFast32), math.Float32bits(1),
}

// asm32x16 reports whether this build has exp32x16.
const asm32x16 = true
