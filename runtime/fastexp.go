package runtime

import "math"

// Exp, Expm1 and Exprel are what generated code calls for exp, expm1 and
// exprel. They are accurate to a few units in the last place (the tests
// measure the worst case against math.Exp and math.Expm1 over their whole
// range) and are about twice as fast as the standard library on the neuron
// update, where they dominate: an HH neuron evaluates ten of them per step.
//
// Method: x = k·ln2 + r with |r| <= ln2/2 (Cody–Waite split of ln2), e^r by
// its Taylor polynomial of degree 13 evaluated with Estrin's scheme (short
// dependency chains, so the exponentials of one neuron overlap in the CPU),
// then e^x = 2^k·e^r by building the exponent bits directly.

const (
	ln2Hi  = 6.93147180369123816490e-01 // ln2 with its low 32 bits cleared: k*ln2Hi is exact
	ln2Lo  = 1.90821492927058770002e-10 // ln2 - ln2Hi
	log2e  = 1.44269504088896338700e+00
	round  = 0x1.8p52                 // adding and subtracting it rounds |t| < 2^51 to an integer
	maxExp = 709.782712893383996732   // e^maxExp is the largest finite float64
	minExp = -745.1332191019412076235 // below, e^x rounds to 0
	halfL2 = 0.34657359027997264      // ln2/2
)

// Taylor coefficients 1/n!.
const (
	c2  = 1.0 / 2
	c3  = 1.0 / 6
	c4  = 1.0 / 24
	c5  = 1.0 / 120
	c6  = 1.0 / 720
	c7  = 1.0 / 5040
	c8  = 1.0 / 40320
	c9  = 1.0 / 362880
	c10 = 1.0 / 3628800
	c11 = 1.0 / 39916800
	c12 = 1.0 / 479001600
	c13 = 1.0 / 6227020800
	c14 = 1.0 / 87178291200
)

// Exp returns e^x.
func Exp(x float64) float64 {
	if !(x > -708.3 && x < 709.0) { // also NaN: results near or past the float64 range
		return expSlow(x)
	}
	kf := (x*log2e + round) - round
	r := (x - kf*ln2Hi) - kf*ln2Lo
	// k in [-1022, 1023]: 2^k is a normal float64 built from its bits.
	return expPoly(r) * math.Float64frombits(uint64(int64(kf)+1023)<<52)
}

// expSlow is Exp near the ends of the float64 range, overflow and NaN.
//
//go:noinline
func expSlow(x float64) float64 {
	if !(x < maxExp) { // x >= maxExp or NaN
		if x != x {
			return x
		}
		return math.Inf(1)
	}
	if x < minExp {
		return 0
	}
	kf := (x*log2e + round) - round
	r := (x - kf*ln2Hi) - kf*ln2Lo
	return scale(expPoly(r), int64(kf))
}

// expPoly is e^r for |r| <= ln2/2 (Taylor, degree 13, Estrin).
func expPoly(r float64) float64 {
	r2 := r * r
	r4 := r2 * r2
	c := (c8 + c9*r) + r2*(c10+c11*r) + r4*(c12+c13*r)
	return ((1 + r) + r2*(c2+c3*r)) + r4*(((c4+c5*r)+r2*(c6+c7*r))+r4*c)
}

// scale returns p·2^k for k in [-1075, 1024].
func scale(p float64, k int64) float64 {
	if k > 1023 {
		p *= 2
		k--
	}
	if k < -1022 {
		p *= 0x1p-64
		k += 64
	}
	return p * math.Float64frombits(uint64(k+1023)<<52)
}

// exprelPoly is (e^x - 1)/x for |x| <= ln2/2 (Taylor, Estrin).
func exprelPoly(x float64) float64 {
	x2 := x * x
	x4 := x2 * x2
	a := (1 + c2*x) + x2*(c3+c4*x)
	b := (c5 + c6*x) + x2*(c7+c8*x)
	c := (c9 + c10*x) + x2*(c11+c12*x) + x4*(c13+c14*x)
	return a + x4*(b+x4*c)
}

// Expm1 returns e^x - 1, accurately also for x near 0: with x = k·ln2 + r,
// e^x - 1 = 2^k·(e^r - 1) + (2^k - 1), where e^r - 1 comes from the
// polynomial and 2^k - 1 is exact for the k where it matters.
func Expm1(x float64) float64 {
	if x > -halfL2 && x < halfL2 {
		return x * exprelPoly(x)
	}
	if !(x < maxExp) || x < minExp {
		return Exp(x) - 1 // +Inf, NaN, or -1
	}
	kf := (x*log2e + round) - round
	r := (x - kf*ln2Hi) - kf*ln2Lo
	two := scale(1, int64(kf))
	return two*(r*exprelPoly(r)) + (two - 1)
}

// Exprel returns (e^x - 1)/x, and 1 at x = 0: the function that removes the
// 0/0 of the Hodgkin–Huxley rate functions (α = a·x/(e^x − 1) = a/exprel(x)).
// Special cases: Exprel(-Inf) = 0, Exprel(+Inf) = +Inf, Exprel(NaN) = NaN;
// for x > 709.78, where e^x overflows, it returns +Inf.
func Exprel(x float64) float64 {
	if x > -halfL2 && x < halfL2 {
		return exprelPoly(x)
	}
	if math.IsInf(x, 0) {
		if x > 0 {
			return x
		}
		return 0
	}
	return Expm1(x) / x
}

// ExprelStd is Exprel computed with the standard library, math.Expm1(x)/x:
// what generated code calls in -stdmath mode, the reference that the fast
// functions are measured against.
func ExprelStd(x float64) float64 {
	if x == 0 {
		return 1
	}
	return math.Expm1(x) / x
}
