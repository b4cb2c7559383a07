//go:build !(goexperiment.simd && amd64)

package runtime

// Without the SIMD build the float32 slice functions run the sixteen-lane
// assembly kernel where the CPU has AVX-512 (and this build the amd64
// assembly), and their scalar loops elsewhere.

func init() {
	if asm32x16 && asmLevel >= vecAVX512 {
		lanes32 = 16
	}
}

// kernel32 runs the kernel of width lanes32.
func kernel32(x []float32, what int) int {
	if lanes32 == 16 {
		return exp32x16(x, what)
	}
	return 0
}

// kernelDiv32 runs ExpDivSlice32's kernel of width lanes32.
func kernelDiv32(x, q, d []float32) int {
	if lanes32 == 16 {
		return expDiv32x16(x, q, d)
	}
	return 0
}

// kernelPair32 runs the pair forms' kernel of width lanes32.
func kernelPair32(x, y, e []float32, what int) int {
	if lanes32 == 16 {
		return pair32x16(x, y, e, what)
	}
	return 0
}

// kernelWidths32 lists the kernel widths this build and machine can run,
// widest first: tests force each in turn.
func kernelWidths32() []int {
	if asm32x16 && cpuLevel() >= vecAVX512 {
		return []int{16, 1}
	}
	return []int{1}
}
