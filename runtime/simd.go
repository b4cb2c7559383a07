//go:build goexperiment.simd && amd64

package runtime

import "simd/archsimd"

// hasAVX2 enables, through SIMD, the vector phases of generated code.
var hasAVX2 = archsimd.X86.AVX2()

// SIMD reports whether this is a GOEXPERIMENT=simd build on a CPU with
// AVX2: generated code then runs its archsimd phases.
func SIMD() bool { return hasAVX2 }
