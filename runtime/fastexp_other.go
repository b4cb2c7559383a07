//go:build !amd64 || purego

package runtime

// Without the amd64 assembly the slice functions run their scalar loops.
func sliceAsm([]float64, int) bool { return false }

func (t *Table) atToAsm(dst, x []float64) bool { return false }
