package runtime

// TableSet holds the rate tables of one population: K functions sampled on
// one regular grid (NMODL-style TABLE, linear interpolation over v). A
// lookup at x finds the grid interval once and reads every table from one
// row, where K separate Tables would each find it again and touch K
// distant rows.
//
// Row i holds, for each function k, the pair (f_k(grid i), f_k(grid i+1)),
// so that an interpolation reads 16 adjacent bytes: Data[(i·K + k)·2] and
// the next. The last row's second values repeat its first.
type TableSet struct {
	Lo, Inv float64
	N, K    int // grid points, functions
	Data    []float64
}

// NewTableSet allocates k tables of n points from lo every step.
func NewTableSet(lo, step float64, n, k int) TableSet {
	return TableSet{Lo: lo, Inv: 1 / step, N: n, K: k, Data: make([]float64, 2*n*k)}
}

// X returns the grid point i.
func (s *TableSet) X(i int) float64 { return s.Lo + float64(i)/s.Inv }

// Set sets function k at grid point i to v.
func (s *TableSet) Set(i, k int, v float64) {
	s.Data[(i*s.K+k)*2] = v
	if i > 0 {
		s.Data[((i-1)*s.K+k)*2+1] = v
	}
	if i == s.N-1 {
		s.Data[(i*s.K+k)*2+1] = v
	}
}

// At interpolates function k linearly at x; outside the grid it returns
// the end value (as NEURON's TABLE does). It does not allocate.
func (s *TableSet) At(k int, x float64) float64 {
	f := (x - s.Lo) * s.Inv
	last := s.N - 1
	if !(f > 0) {
		return s.Data[k*2]
	}
	if f >= float64(last) {
		return s.Data[(last*s.K+k)*2]
	}
	i := int(f)
	d := s.Data[(i*s.K+k)*2:][:2]
	return d[0] + (f-float64(i))*(d[1]-d[0])
}

// AtTo sets dst[k·stride + l] = At(k, x[l]) for every function k and
// every l < len(x): the lookups of a block of neurons, which a generated
// update makes before its phase loops (stride >= len(x)). On amd64 it
// runs AVX2 assembly (tableset_amd64.s) with the same result bits.
func (s *TableSet) AtTo(dst []float64, stride int, x []float64) {
	if s.K == 0 || len(x) == 0 {
		return
	}
	_ = dst[(s.K-1)*stride+len(x)-1] // one bounds check for all
	if s.atToAsm(dst, stride, x) {
		return
	}
	s.atToScalar(dst, stride, x)
}

func (s *TableSet) atToScalar(dst []float64, stride int, x []float64) {
	for k := range s.K {
		d := dst[k*stride:][:len(x)]
		for l, v := range x {
			d[l] = s.At(k, v)
		}
	}
}
