package runtime

// ExpDivSlice32 is ExpDivSlice in float32: it replaces each element of x
// by Exp32 of it, as ExpSlice32, and each q[i] by q[i]/d[i], for every
// i < len(x). The generated -f32 code defers to it, as the float64 code
// defers to ExpDivSlice, the divisions whose quotients only a later phase
// reads: the same float32 divisions, so the same bits, while the divider
// works beside the exponential's arithmetic.
func ExpDivSlice32(x, q, d []float32) {
	q, d = q[:len(x)], d[:len(x)]
	if lanes32 == 1 {
		expDivScalar32(x, q, d)
		return
	}
	// The first kernel call is direct: it does a whole block of generated
	// code unless a value is off the fast path or the length is not a
	// multiple of lanes32 (inGroups and its closures cost a few ns a call).
	done := kernelDiv32(x, q, d)
	if done == len(x) {
		return
	}
	x, q, d = x[done:], q[done:], d[done:]
	// A group with a lane outside the fast path: the scalar function.
	inGroups(len(x), lanes32, func(off int) int { return kernelDiv32(x[off:], q[off:], d[off:]) },
		func(lo, hi int) { expDivScalar32(x[lo:hi], q[lo:hi], d[lo:hi]) })
}

// expDivScalar32 is the portable loop of ExpDivSlice32.
func expDivScalar32(x, q, d []float32) {
	q, d = q[:len(x)], d[:len(x)]
	for k, a := range x {
		x[k] = Exp32(a)
		q[k] /= d[k]
	}
}

// The float32 pair forms (see ExpAndNegSlice): each also sets y[i] =
// e^(−x[i]) for every i < len(x), as 1/e^x from the same reduction as the
// first result (within 2 ulp of Exp32(−x)); the parts forms leave that
// division to a later ExpDivSlice32(·, y, d), setting y[i] = 1 and d[i] =
// e^x (e^−x and 1 outside the fast path). On entry y's (and d's) contents
// are ignored.

// ExpAndNegSlice32 replaces each element of x by Exp32 of it and sets y to e^−x.
func ExpAndNegSlice32(x, y []float32) { pair32(x, y, nil, kExp) }

// Expm1AndNegSlice32 replaces each element of x by Expm1_32 of it and sets y to e^−x.
func Expm1AndNegSlice32(x, y []float32) { pair32(x, y, nil, kExpm1) }

// ExprelAndNegSlice32 replaces each element of x by Exprel32 of it and sets y to e^−x.
func ExprelAndNegSlice32(x, y []float32) { pair32(x, y, nil, kExprel) }

// ExprelInvAndNegSlice32 replaces each element of x by ExprelInv32 of it and sets y to e^−x.
func ExprelInvAndNegSlice32(x, y []float32) { pair32(x, y, nil, kExprelInv) }

// ExpAndNegPartsSlice32 is ExpAndNegSlice32 with e^−x as y/d.
func ExpAndNegPartsSlice32(x, y, d []float32) { pair32(x, y, d, kExp) }

// Expm1AndNegPartsSlice32 is Expm1AndNegSlice32 with e^−x as y/d.
func Expm1AndNegPartsSlice32(x, y, d []float32) { pair32(x, y, d, kExpm1) }

// ExprelAndNegPartsSlice32 is ExprelAndNegSlice32 with e^−x as y/d.
func ExprelAndNegPartsSlice32(x, y, d []float32) { pair32(x, y, d, kExprel) }

// ExprelInvAndNegPartsSlice32 is ExprelInvAndNegSlice32 with e^−x as y/d.
func ExprelInvAndNegPartsSlice32(x, y, d []float32) { pair32(x, y, d, kExprelInv) }

func pair32(x, y, d []float32, what int) {
	y, d = y[:len(x)], part(d, 0, len(x)) // the kernels write d[:len(x)] unchecked
	if lanes32 == 1 {
		pairScalar32(x, y, d, what)
		return
	}
	done := kernelPair32(x, y, d, what) // direct first call, as in ExpDivSlice32
	if done == len(x) {
		return
	}
	x, y, d = x[done:], y[done:], part(d, done, len(x))
	inGroups(len(x), lanes32, func(off int) int { return kernelPair32(x[off:], y[off:], part(d, off, len(x)), what) },
		func(lo, hi int) { pairScalar32(x[lo:hi], y[lo:hi], part(d, lo, hi), what) })
}

// pairScalar32 is the portable loop of the float32 pair forms, and of the
// parts forms if d is not nil.
func pairScalar32(x, y, d []float32, what int) {
	y = y[:len(x)]
	for k, a := range x {
		if !fast32(a) {
			x[k], y[k] = scalar32(a, what), Exp32(-a)
			if d != nil {
				d[k] = 1
			}
			continue
		}
		p, s := reduce32(a)
		e := s * (p + 1) // fma(s, p, s): see Exp32
		if d != nil {
			y[k], d[k] = 1, e
		} else {
			y[k] = 1 / e
		}
		if what == kExp {
			x[k] = e
			continue
		}
		m1 := fma32(s, p, s-1)
		switch {
		case what == kExpm1:
			x[k] = m1
		case a == 0:
			x[k] = 1
		case what == kExprel:
			x[k] = m1 / a
		default:
			x[k] = a / m1
		}
	}
}
