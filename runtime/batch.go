package runtime

// The slice forms below are what generated neuron loops call: a population
// is updated in blocks of neurons, and each exponential of the update is
// evaluated for the whole block by one call. A loop whose iterations are
// independent keeps the CPU's pipelines full, where ten exponentials chained
// through one neuron's update would leave them waiting on latency; and on
// amd64 the assembly kernels (fastexp_amd64.s) evaluate four lanes at once.
//
// Each returns exactly, bit for bit, what its scalar function returns for
// each element: the fast path repeats the scalar's operations in the same
// order, and values outside it go to the scalar function itself.

// fast reports whether x is in the fast path's range (false for NaN).
func fast(x float64) bool { return x > loFast && x < hiFast }

// What a slice function computes.
const (
	kExp       = iota // e^x
	kExpm1            // e^x − 1
	kExprel           // (e^x − 1)/x
	kExprelInv        // x/(e^x − 1)
)

// ExpSlice replaces each element of x by Exp of it.
func ExpSlice(x []float64) { slice(x, kExp) }

// Expm1Slice replaces each element of x by Expm1 of it.
func Expm1Slice(x []float64) { slice(x, kExpm1) }

// ExprelSlice replaces each element of x by Exprel of it.
func ExprelSlice(x []float64) { slice(x, kExprel) }

// ExprelInvSlice replaces each element of x by ExprelInv of it.
func ExprelInvSlice(x []float64) { slice(x, kExprelInv) }

// The pair forms also set y[i] = e^(−x[i]) for every i < len(x), from the
// same reduction as the first result: 1/e^x, within 3 ulp of Exp(−x) (the
// generated code pairs exp(−y) with an exponential of y this way, as the
// Traub–Miles β_m and β_h share the argument (V − 40)/5 up to its sign).
// On entry y's contents are ignored.

// ExpAndNegSlice replaces each element of x by Exp of it and sets y to e^−x.
func ExpAndNegSlice(x, y []float64) { pairSlice(x, y, kExp) }

// Expm1AndNegSlice replaces each element of x by Expm1 of it and sets y to e^−x.
func Expm1AndNegSlice(x, y []float64) { pairSlice(x, y, kExpm1) }

// ExprelAndNegSlice replaces each element of x by Exprel of it and sets y to e^−x.
func ExprelAndNegSlice(x, y []float64) { pairSlice(x, y, kExprel) }

// ExprelInvAndNegSlice replaces each element of x by ExprelInv of it and sets y to e^−x.
func ExprelInvAndNegSlice(x, y []float64) { pairSlice(x, y, kExprelInv) }

// ExpDivSlice replaces each element of x by Exp of it, as ExpSlice, and
// each q[i] by q[i]/d[i], for every i < len(x). The generated code defers
// to it the divisions of a blocked update whose quotients only a later
// phase reads: they are the same IEEE divisions, so the results are the
// same bits, but here the divider works while the exponential's
// arithmetic runs, where in the phase loop the processor waited on it
// (docs/performance.md, "Deferred quotients").
func ExpDivSlice(x, q, d []float64) {
	q, d = q[:len(x)], d[:len(x)]
	if !expDivAsm(x, q, d) {
		expDivScalar(x, q, d)
	}
}

// ScaleSlice multiplies each element of x by k: the decay of a synaptic
// state by its per-step factor, in vector registers where the CPU has them
// (the same IEEE multiplication, element by element).
func ScaleSlice(x []float64, k float64) {
	for i := scaleAsm(x, k); i < len(x); i++ {
		x[i] *= k
	}
}

// IndDecaySlice sets each x[i] to x[i] + a·((−x[i])·b), in that order of
// operations: the ind_exp_euler step of a decaying synaptic state (b = 1/τ,
// a = dt·exprel(−dt/τ)), in vector registers where the CPU has them.
func IndDecaySlice(x []float64, a, b float64) {
	for i := indDecayAsm(x, a, b); i < len(x); i++ {
		x[i] = x[i] + a*((-x[i])*b)
	}
}

// ExpEulerSlice takes the exponential-Euler step of one state over a
// block: each s[i] becomes (b[i] + s[i])·c[i] − b[i], in that order of
// operations (the scalar form of a blocked update writes the IR's
// (−b) + (b + s)·c so, docs/performance.md), and c[i] receives the old
// s[i], which the finite check reports. It returns whether every new
// value is finite (the sum of n − n over them is 0). Where the CPU has
// AVX-512 or AVX2 the elements go eight or four at a time through the
// same IEEE operations, so the results are the scalar loop's bits.
func ExpEulerSlice(s, b, c []float64) bool {
	b, c = b[:len(s)], c[:len(s)]
	k, acc := expEulerAsm(s, b, c)
	for i := k; i < len(s); i++ {
		x := s[i]
		n := (b[i]+x)*c[i] - b[i]
		c[i] = x
		s[i] = n
		acc += n - n
	}
	return acc == 0
}

// IndEulerSlice is ExpEulerSlice for the step s + h·c·b (ind_exp_euler,
// with c = exprel(h·J) and b the derivative): each s[i] becomes
// s[i] + (h·c[i])·b[i], in that order of operations, and c[i] receives the
// old s[i]. It returns whether every new value is finite.
func IndEulerSlice(s, c, b []float64, h float64) bool {
	c, b = c[:len(s)], b[:len(s)]
	k, acc := indEulerAsm(s, c, b, h)
	for i := k; i < len(s); i++ {
		x := s[i]
		n := x + h*c[i]*b[i]
		c[i] = x
		s[i] = n
		acc += n - n
	}
	return acc == 0
}

// AboveMask sets bit i%64 of mask[i/64] to whether x[i] > th (false for
// a NaN), for every i < len(x), and clears the other bits of those words:
// the spike test v > θ of a block of neurons in vector compares where the
// CPU has AVX-512 or AVX2, so that the generated code visits only the
// neurons above the threshold. mask needs (len(x)+63)/64 words.
func AboveMask(x []float64, th float64, mask []uint64) {
	mask = mask[:(len(x)+63)/64]
	for w := aboveAsm(x, th, mask); w < len(mask); w++ {
		var m uint64
		for i := w * 64; i < min(len(x), w*64+64); i++ {
			if x[i] > th {
				m |= 1 << (i - w*64)
			}
		}
		mask[w] = m
	}
}

// expDivScalar is the portable loop of ExpDivSlice.
func expDivScalar(x, q, d []float64) {
	expSliceScalar(x)
	for k := range q {
		q[k] /= d[k]
	}
}

// The parts forms leave the division 1/e^x to a later ExpDivSlice(·, y, d):
// they set y[i] and d[i] so that y[i]/d[i] is the pair form's y[i], 1 and e^x
// where the pair form divides, e^−x and 1 where it does not. A pair kernel
// with two divisions per value waits on the divider; ExpDivSlice's does not.

// ExpAndNegPartsSlice is ExpAndNegSlice with e^−x as y/d.
func ExpAndNegPartsSlice(x, y, d []float64) { pairParts(x, y, d, kExp) }

// Expm1AndNegPartsSlice is Expm1AndNegSlice with e^−x as y/d.
func Expm1AndNegPartsSlice(x, y, d []float64) { pairParts(x, y, d, kExpm1) }

// ExprelAndNegPartsSlice is ExprelAndNegSlice with e^−x as y/d.
func ExprelAndNegPartsSlice(x, y, d []float64) { pairParts(x, y, d, kExprel) }

// ExprelInvAndNegPartsSlice is ExprelInvAndNegSlice with e^−x as y/d.
func ExprelInvAndNegPartsSlice(x, y, d []float64) { pairParts(x, y, d, kExprelInv) }

func pairSlice(x, y []float64, what int) {
	y = y[:len(x)]
	if !pairAsm(x, y, nil, what) {
		pairScalar(x, y, nil, what)
	}
}

func pairParts(x, y, d []float64, what int) {
	y, d = y[:len(x)], d[:len(x)]
	if !pairAsm(x, y, d, what) {
		pairScalar(x, y, d, what)
	}
}

// pairScalar is the portable loop of the pair forms, and of the parts
// forms if d is not nil.
func pairScalar(x, y, d []float64, what int) {
	for k, a := range x {
		if !fast(a) || (a == 0 && what >= kExprel) {
			x[k], y[k] = scalarFn(a, what), Exp(-a)
			if d != nil {
				d[k] = 1
			}
			continue
		}
		r, i, pm := reduce(a)
		em := em1Poly(r)
		e := expOf(i, em, pm)
		if d != nil {
			y[k], d[k] = 1, e
		} else {
			y[k] = 1 / e
		}
		if what == kExp {
			x[k] = e
			continue
		}
		m1 := expm1Of(i, em, pm)
		switch what {
		case kExpm1:
			x[k] = m1
		case kExprel:
			x[k] = m1 / a
		default:
			x[k] = a / m1
		}
	}
}

// scalarFn is the scalar function of kind what.
func scalarFn(a float64, what int) float64 {
	switch what {
	case kExp:
		return Exp(a)
	case kExpm1:
		return Expm1(a)
	case kExprel:
		return Exprel(a)
	}
	return ExprelInv(a)
}

func slice(x []float64, what int) {
	if !sliceAsm(x, what) {
		sliceScalar(x, what)
	}
}

// sliceScalar is the portable loop of kind what. Each kind has its own
// loop: a switch on the kind inside one loop cost 6 % of the COBAHH step.
func sliceScalar(x []float64, what int) {
	switch what {
	case kExp:
		expSliceScalar(x)
	case kExpm1:
		expm1SliceScalar(x)
	case kExprel:
		exprelSliceScalar(x)
	default:
		exprelInvSliceScalar(x)
	}
}

// In each loop the fast path is inlined and the scalar function takes the
// rest (and exprel's 0).

func expSliceScalar(x []float64) {
	for k, a := range x {
		if !fast(a) {
			x[k] = expSlow(a)
			continue
		}
		r, i, pm := reduce(a)
		x[k] = expOf(i, em1Poly(r), pm)
	}
}

func expm1SliceScalar(x []float64) {
	for k, a := range x {
		if !fast(a) {
			x[k] = Expm1(a)
			continue
		}
		x[k] = expm1Fast(a)
	}
}

func exprelSliceScalar(x []float64) {
	for k, a := range x {
		if !fast(a) || a == 0 {
			x[k] = Exprel(a)
			continue
		}
		x[k] = expm1Fast(a) / a
	}
}

func exprelInvSliceScalar(x []float64) {
	for k, a := range x {
		if !fast(a) || a == 0 {
			x[k] = ExprelInv(a)
			continue
		}
		x[k] = a / expm1Fast(a)
	}
}

// inGroups runs a vector kernel over n values: kernel(off) does groups
// of size from off on, up to the first group it cannot do (a lane near
// overflow or underflow, NaN, exprel's 0, outside a table's grid) or fewer
// than size values left, and returns how many it did; rest(lo, hi) does
// the values [lo, hi) it stopped at, a group or the tail.
func inGroups(n, size int, kernel func(off int) int, rest func(lo, hi int)) {
	for off := 0; off < n; {
		off += kernel(off)
		end := min(off+size, n)
		rest(off, end)
		off = end
	}
}

// part is d[lo:hi], or nil for the pair forms' nil d.
func part[T float32 | float64](d []T, lo, hi int) []T {
	if d == nil {
		return nil
	}
	return d[lo:hi]
}
