package runtime

// ExpDivSlice32 is ExpDivSlice in float32: it replaces each element of x
// by Exp32 of it, as ExpSlice32, and each q[i] by q[i]/d[i], for every
// i < len(x). The generated -f32 code defers to it, as the float64 code
// defers to ExpDivSlice, the divisions whose quotients only a later phase
// reads: the same float32 divisions, so the same bits, while the divider
// works beside the exponential's arithmetic.
func ExpDivSlice32(x, q, d []float32) {
	q, d = q[:len(x)], d[:len(x)]
	done := 0
	if lanes32 > 1 {
		for done < len(x) {
			done += kernelDiv32(x[done:], q[done:], d[done:])
			if len(x)-done < lanes32 {
				break
			}
			// A group with a lane outside the fast path: the scalar function.
			g := done + lanes32
			expDivScalar32(x[done:g], q[done:g], d[done:g])
			done = g
		}
	}
	expDivScalar32(x[done:], q[done:], d[done:])
}

// expDivScalar32 is the portable loop of ExpDivSlice32.
func expDivScalar32(x, q, d []float32) {
	q, d = q[:len(x)], d[:len(x)]
	for k, a := range x {
		x[k] = Exp32(a)
		q[k] /= d[k]
	}
}
