//go:build !amd64 || purego

package runtime

// asm32x16 reports whether this build has exp32x16: not without the
// amd64 assembly.
const asm32x16 = false

// exp32x16 is the sixteen-lane kernel: none in this build.
func exp32x16([]float32, int) int { return 0 }

// expDiv32x16 is ExpDivSlice32's sixteen-lane kernel: none in this build.
func expDiv32x16(x, q, d []float32) int { return 0 }

// pair32x16 is the pair forms' sixteen-lane kernel: none in this build.
func pair32x16(x, y, e []float32, what int) int { return 0 }

// asm32x8 reports whether this build has exp32x8: not without the amd64
// assembly.
const asm32x8 = false

func exp32x8([]float32, int) int               { return 0 }
func expDiv32x8(x, q, d []float32) int         { return 0 }
func pair32x8(x, y, e []float32, what int) int { return 0 }
