//go:build !(goexperiment.simd && amd64)

package runtime

// SIMD reports whether this is a GOEXPERIMENT=simd build on a CPU with
// AVX2: generated code then runs its archsimd phases.
func SIMD() bool { return false }

// SIMD512 reports whether this is a GOEXPERIMENT=simd build on a CPU with
// AVX-512: generated code then runs its archsimd phases on eight lanes.
func SIMD512() bool { return false }

// ClearUpper does nothing outside the GOEXPERIMENT=simd build, whose
// preemption alone leaves the vector registers' upper halves dirty
// (simd.go).
func ClearUpper() {}
