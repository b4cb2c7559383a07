//go:build !amd64 || purego

package runtime

// Without the amd64 assembly the slice functions and table lookups run
// their scalar loops.

var asmLevel = vecScalar

func cpuLevel() int { return vecScalar }

func sliceAsm([]float64, int) bool { return false }

func pairAsm(x, y, d []float64, what int) bool { return false }

func expDivAsm(x, q, d []float64) bool { return false }

func scaleAsm(x []float64, k float64) int { return 0 }

func indDecayAsm(x []float64, a, b float64) int { return 0 }

func expEulerAsm(s, b, c []float64) (int, float64) { return 0, 0 }

func indEulerAsm(s, c, b []float64, h float64) (int, float64) { return 0, 0 }

func aboveAsm(x []float64, th float64, mask []uint64) int { return 0 }

func (s *TableSet) atToAsm(dst []float64, stride int, x []float64) bool { return false }
