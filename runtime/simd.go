//go:build goexperiment.simd && amd64

package runtime

import "simd/archsimd"

// hasAVX2 and hasAVX512 enable, through SIMD and SIMD512, the vector
// phases of generated code, unless EINETC_VECTOR caps them (vector.go).
var (
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
