//go:build amd64 && !purego

package runtime

// atToAVX2 is Table.At for groups of four values (table_amd64.s).
//
//go:noescape
func atToAVX2(dst, x, data []float64, lo, inv, last float64) int

// atToAsm is AtTo with the AVX2 kernel; it reports false, having done
// nothing, when the CPU lacks AVX2. Groups with a lane outside the grid
// are looked up lane by lane with At.
func (t *Table) atToAsm(dst, x []float64) bool {
	if !useAVX2 || len(t.Data) < 2 {
		return false
	}
	last := float64(len(t.Data) - 1)
	for {
		n := atToAVX2(dst, x, t.Data, t.Lo, t.Inv, last)
		dst, x = dst[n:], x[n:]
		k := min(4, len(dst))
		for l := range k {
			dst[l] = t.At(x[l])
		}
		if len(dst) <= 4 {
			return true
		}
		dst, x = dst[4:], x[4:]
	}
}
