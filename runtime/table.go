package runtime

// Table holds a function sampled on a regular grid, for NMODL-style rate
// tables: Data[k] = f(Lo + k/Inv). Code generated for runtime versions 1
// and 2 uses it; version 3 keeps a population's tables in one TableSet.
type Table struct {
	Lo, Inv float64
	Data    []float64
}

// X returns the grid point k.
func (t *Table) X(k int) float64 { return t.Lo + float64(k)/t.Inv }

// At interpolates linearly at x; outside the grid it returns the end value
// (as NEURON's TABLE does). It does not allocate.
func (t *Table) At(x float64) float64 {
	f := (x - t.Lo) * t.Inv
	last := len(t.Data) - 1
	if !(f > 0) {
		return t.Data[0]
	}
	if f >= float64(last) {
		return t.Data[last]
	}
	i := int(f)
	d := t.Data[i : i+2 : i+2]
	return d[0] + (f-float64(i))*(d[1]-d[0])
}

// AtTo sets dst[i] = At(x[i]) for every i < len(dst): the lookups of a
// block of neurons, which a generated update makes before its phase loops.
func (t *Table) AtTo(dst, x []float64) {
	x = x[:len(dst)]
	for i, v := range x {
		dst[i] = t.At(v)
	}
}
