package runtime

// The float32 slice functions run the sixteen-lane assembly kernel where
// the CPU has AVX-512, an eight-lane one where it has AVX2 and FMA (the
// assembly in every amd64 build without -tags purego; with it, the
// archsimd kernel of the SIMD build, kernel32x8 in exp32_simd.go), and
// their scalar loops elsewhere. EINETC_VECTOR caps the width as it caps
// the float64 kernels (vector.go).

func init() {
	switch {
	case asm32x16 && asmLevel >= vecAVX512:
		lanes32 = 16
	case asm32x8 && asmLevel >= vecAVX2, simd32x8() && envLevel >= vecAVX2:
		lanes32 = 8
	}
}

// kernel32 runs the kernel of width lanes32.
func kernel32(x []float32, what int) int {
	switch lanes32 {
	case 16:
		return exp32x16(x, what)
	case 8:
		if asm32x8 {
			return exp32x8(x, what)
		}
		return kernel32x8(x, what, nil, nil, nil, nil)
	}
	return 0
}

// kernelDiv32 runs ExpDivSlice32's kernel of width lanes32.
func kernelDiv32(x, q, d []float32) int {
	switch lanes32 {
	case 16:
		return expDiv32x16(x, q, d)
	case 8:
		if asm32x8 {
			return expDiv32x8(x, q, d)
		}
		return kernel32x8(x, kExp, q, d, nil, nil)
	}
	return 0
}

// kernelPair32 runs the pair forms' kernel of width lanes32.
func kernelPair32(x, y, e []float32, what int) int {
	switch lanes32 {
	case 16:
		return pair32x16(x, y, e, what)
	case 8:
		if asm32x8 {
			return pair32x8(x, y, e, what)
		}
		return kernel32x8(x, what, nil, nil, y, e)
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
	if asm32x8 && cpuLevel() >= vecAVX2 || simd32x8() {
		w = append(w, 8)
	}
	return append(w, 1)
}
