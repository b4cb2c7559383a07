//go:build amd64 && !purego

package runtime

// atSetAVX2 is TableSet.AtTo for groups of four values (tableset_amd64.s).
//
//go:noescape
func atSetAVX2(dst []float64, stride int, x, data []float64, k int, lo, inv, last float64) int

// atToAsm is AtTo with the AVX2 kernel; it reports false, having done
// nothing, when the CPU lacks AVX2 and FMA. Groups with a lane outside the
// grid are looked up lane by lane with At.
func (s *TableSet) atToAsm(dst []float64, stride int, x []float64) bool {
	if asmLevel < vecAVX2 || s.N < 2 {
		return false
	}
	last := float64(s.N - 1)
	inGroups(len(x), 4, func(off int) int { return atSetAVX2(dst[off:], stride, x[off:], s.Data, s.K, s.Lo, s.Inv, last) },
		func(lo, hi int) {
			for k := range s.K {
				for l := lo; l < hi; l++ {
					dst[k*stride+l] = s.At(k, x[l])
				}
			}
		})
	return true
}
