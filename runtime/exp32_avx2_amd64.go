//go:build amd64 && !purego

package runtime

import "math"

// exp32x8, expDiv32x8 and pair32x8 are exp32x16, expDiv32x16 and pair32x16
// on eight lanes with AVX2 and FMA (exp32_avx2_amd64.s), for CPUs without
// AVX-512; the same bits as the scalar functions.
//
//go:noescape
func exp32x8(x []float32, what int) int

//go:noescape
func expDiv32x8(x, q, d []float32) int

//go:noescape
func pair32x8(x, y, e []float32, what int) int

// asm32x8 reports whether this build has exp32x8.
const asm32x8 = true

// avx32K8 holds exp32x8's constants, eight copies of each (its C_ offsets
// index it by 32 bytes).
var avx32K8 [13][8]uint32

func init() {
	f := math.Float32bits
	k := []uint32{f(round32), f(invl2), f(l2Hi), f(l2Lo), f(e2f32), f(e3f32), f(e4f32), f(e5f32), f(e6f32), f(loFast32), f(hiFast32), f(1), 127 << 23}
	for c, v := range k {
		for l := range 8 {
			avx32K8[c][l] = v
		}
	}
}
