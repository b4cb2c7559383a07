//go:build !(goexperiment.simd && amd64)

package runtime

// Without GOEXPERIMENT=simd on amd64, the slice functions run their scalar
// loops.

// SIMD reports whether the slice functions use AVX2.
func SIMD() bool { return false }

func sliceSIMD([]float64, int) bool { return false }

func (t *Table) atToSIMD(dst, x []float64) bool { return false }
