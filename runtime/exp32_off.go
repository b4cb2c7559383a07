//go:build !(goexperiment.simd && amd64)

package runtime

// Without the SIMD build there is no archsimd kernel: the float32 slice
// functions run the assembly kernels or the scalar loops
// (exp32_kernels.go).

// simd32x8 reports whether this build and CPU run kernel32x8: never.
func simd32x8() bool { return false }

// kernel32x8 is the archsimd kernel of the SIMD build: none here.
func kernel32x8(x []float32, what int, q, d, ny, ne []float32) int { return 0 }
