//go:build goexperiment.simd && amd64

package runtime

import "simd/archsimd"

// hasAVX2 and hasAVX512 enable, through SIMD and SIMD512, the vector
// phases of generated code, unless EINETC_VECTOR caps them (vector.go).
var (
	hasAVX    = archsimd.X86.AVX()
	hasAVX2   = archsimd.X86.AVX2() && envLevel >= vecAVX2
	hasAVX512 = archsimd.X86.AVX512() && envLevel >= vecAVX512
)

// SIMD reports whether this is a GOEXPERIMENT=simd build on a CPU with
// AVX2: generated code then runs its archsimd phases (on four lanes, or
// eight when SIMD512 also holds).
func SIMD() bool { return hasAVX2 }

// SIMD512 reports whether this is a GOEXPERIMENT=simd build on a CPU with
// AVX-512 (F, CD, BW, DQ and VL): generated code then runs its archsimd
// phases on eight lanes.
func SIMD512() bool { return hasAVX512 }

// ClearUpper clears the upper halves of the vector registers (VZEROUPPER)
// where the CPU has AVX. Generated code calls it before its scalar loops
// and every 64 neurons in them: in a GOEXPERIMENT=simd build, Go's
// asynchronous preemption (runtime.asyncPreempt) restores all 32 ZMM
// registers on an AVX-512 CPU and returns without VZEROUPPER, and on the
// Xeons this project runs on scalar SSE code then runs about 200× slower
// until something clears them (examples/coba's SIMD build, which has no
// vector phase to do it, ran at 1 000 ns/neuron-step instead of 10).
func ClearUpper() {
	if hasAVX {
		archsimd.ClearAVXUpperBits()
	}
}
