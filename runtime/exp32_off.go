//go:build !(goexperiment.simd && amd64)

package runtime

// Without the SIMD build the float32 slice functions run the sixteen-lane
// assembly kernel where the CPU has AVX-512, the eight-lane one where it
// has AVX2 and FMA (and this build the amd64 assembly), and their scalar
// loops elsewhere.

func init() {
	switch {
	case asm32x16 && asmLevel >= vecAVX512:
		lanes32 = 16
	case asm32x8 && asmLevel >= vecAVX2:
		lanes32 = 8
	}
}

// kernel32 runs the kernel of width lanes32.
func kernel32(x []float32, what int) int {
	switch lanes32 {
	case 16:
		return exp32x16(x, what)
	case 8:
		return exp32x8(x, what)
	}
	return 0
}

// kernelDiv32 runs ExpDivSlice32's kernel of width lanes32.
func kernelDiv32(x, q, d []float32) int {
	switch lanes32 {
	case 16:
		return expDiv32x16(x, q, d)
	case 8:
		return expDiv32x8(x, q, d)
	}
	return 0
}

// kernelPair32 runs the pair forms' kernel of width lanes32.
func kernelPair32(x, y, e []float32, what int) int {
	switch lanes32 {
	case 16:
		return pair32x16(x, y, e, what)
	case 8:
		return pair32x8(x, y, e, what)
	}
	return 0
}

// kernelWidths32 lists the kernel widths this build and machine can run,
// widest first: tests force each in turn.
func kernelWidths32() []int {
	var w []int
	if asm32x16 && cpuLevel() >= vecAVX512 {
		w = append(w, 16)
	}
	if asm32x8 && cpuLevel() >= vecAVX2 {
		w = append(w, 8)
	}
	return append(w, 1)
}
