package runtime

import "math"

// Exprel returns (e^x − 1)/x, the relative error exponential, continued
// by its limit 1 at x == 0.
//
// It is computed as math.Expm1(x)/x, which avoids the cancellation of
// (math.Exp(x)−1)/x near 0: math.Expm1 is accurate to within 1 ulp and
// the division adds at most half an ulp, so for |x| ≤ 709 the result is
// within 2 ulp of the true value (the tests check it against a 200-bit
// series on [−40, 50]). For |x| below about 1e-16 the result is exactly 1.
//
// Special cases: Exprel(0) = 1, Exprel(-Inf) = 0 and Exprel(NaN) = NaN.
// For x > 709.78, e^x overflows and Exprel returns +Inf (the true value
// is still finite up to x ≈ 716), and Exprel(+Inf) = Inf/Inf = NaN. These
// ranges are not guarded, so that Exprel stays within the inlining budget
// of the gc compiler: a simulation that reaches them has already diverged.
//
// Exprel is inlined by the gc compiler and does not allocate, so
// generated step functions call it directly (e.g. in exponential-Euler
// updates x ← x + dt·Exprel(dt·J)·f and in Hodgkin–Huxley rate functions).
func Exprel(x float64) float64 {
	if x == 0 {
		return 1
	}
	return math.Expm1(x) / x
}
