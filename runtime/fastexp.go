package runtime

import (
	"math"
	"math/big"
)

// Exp, Expm1, Exprel and ExprelInv are what generated code calls for exp,
// expm1, exprel and the rate factor x/(e^x − 1). They are accurate to a few
// units in the last place (the tests measure the worst case against
// math.Exp, math.Expm1 and a 200-bit reference) and dominate the neuron
// update: an HH neuron evaluates ten of them per step.
//
// Method (Tang's table method): x = (64·m + j)·ln2/64 + r with j in
// [-32, 31] and |r| <= ln2/128; then e^x = 2^m · 2^(j/64) · e^r, with
// 2^(j/64) from a 64-entry table (correctly rounded) and e^r − 1 from a
// degree-6 polynomial, the reduction and the polynomial in fused
// multiply-adds (math.FMA: exactly rounded on every platform, so the
// assembly's VFMADD gives the same bits). e^x − 1 = 2^m·((2^(j/64) − 1) + 2^(j/64)·(e^r − 1))
// + (2^m − 1), with 2^(j/64) − 1 from a second table, so it keeps its
// relative accuracy near 0 where m = j = 0 and e^x − 1 = e^r − 1.
//
// The slice forms in batch.go (and their AVX2 forms in fastexp_amd64.s)
// repeat these operations in the same order: every form of a function
// returns the same bits.

const (
	ln2Hi  = 6.93147180369123816490e-01 // ln2 with its low 32 bits cleared: k*ln2Hi is exact
	ln2Lo  = 1.90821492927058770002e-10 // ln2 - ln2Hi
	inv64  = 64 / math.Ln2              // 64/ln2
	l64Hi  = ln2Hi / 64                 // ln2/64, high part (exact scaling)
	l64Lo  = ln2Lo / 64                 // ln2/64, low part
	round  = 0x1.8p52                   // adding and subtracting it rounds |t| < 2^51 to an integer
	maxExp = 709.782712893383996732     // e^maxExp is the largest finite float64
	minExp = -745.1332191019412076235   // below, e^x rounds to 0
	// The fast path covers [loFast, hiFast): there 2^m is a normal float64.
	loFast = -708.3
	hiFast = 709.0
)

// Taylor coefficients 1/n! of e^r − 1 = r + r²/2 + … + r⁶/720; with
// |r| <= ln2/128 the first omitted term is below 2^-62 relative.
const (
	c2 = 1.0 / 2
	c3 = 1.0 / 6
	c4 = 1.0 / 24
	c5 = 1.0 / 120
	c6 = 1.0 / 720
)

// expTab[i] = 2^((i−32)/64) and expTabM1[i] = 2^((i−32)/64) − 1, each
// correctly rounded.
var expTab, expTabM1 [64]float64

func init() {
	const prec = 256
	two := new(big.Float).SetPrec(prec).SetInt64(2)
	var roots [6]*big.Float // roots[b] = 2^(2^b/64)
	x := new(big.Float).SetPrec(prec).Set(two)
	for b := 5; b >= 0; b-- { // 2^(1/2), 2^(1/4), ..., 2^(1/64)
		x = new(big.Float).SetPrec(prec).Sqrt(x)
		roots[b] = x
	}
	one := new(big.Float).SetPrec(prec).SetInt64(1)
	for i := range 64 {
		j := i - 32
		p := new(big.Float).SetPrec(prec).Set(one)
		for b := range 6 {
			if abs(j)&(1<<b) != 0 {
				p.Mul(p, roots[b])
			}
		}
		if j < 0 {
			p.Quo(one, p)
		}
		expTab[i], _ = p.Float64()
		expTabM1[i], _ = new(big.Float).SetPrec(prec).Sub(p, one).Float64()
	}
}

func abs(j int) int { return max(j, -j) }

// split returns t = x·64/ln2 + round, whose low bits hold k = round(x·64/ln2),
// and r = x − k·ln2/64.
func split(x float64) (t, r float64) {
	t = math.FMA(x, inv64, round)
	kf := t - round
	return t, math.FMA(-kf, l64Lo, math.FMA(-kf, l64Hi, x))
}

// reduce splits x (in the fast range) into r, the table index i and 2^m.
func reduce(x float64) (r float64, i int, pm float64) {
	t, r := split(x)
	// t's bits are 0x4338000000000000 + k, k = 64·m + j: u's low six bits
	// are j + 32, and u>>6 is m plus a multiple of 2^12 that the shift by
	// 52 drops, leaving the exponent field of 2^m.
	u := math.Float64bits(t) + 32
	return r, int(u & 63), math.Float64frombits((u>>6 + 1023) << 52)
}

// em1Poly is e^r − 1 for |r| <= ln2/128 (Horner, with fused
// multiply-adds).
func em1Poly(r float64) float64 {
	p := math.FMA(r, c6, c5)
	p = math.FMA(r, p, c4)
	p = math.FMA(r, p, c3)
	p = math.FMA(r, p, c2)
	return math.FMA(r*r, p, r)
}

// expOf is e^x from its reduction: 2^(j/64)·(1 + em)·2^m, em = e^r − 1.
func expOf(i int, em, pm float64) float64 {
	return math.FMA(expTab[i], em, expTab[i]) * pm
}

// expm1Of is e^x − 1 from its reduction: 2^m·((2^(j/64) − 1) +
// 2^(j/64)·em) + (2^m − 1).
func expm1Of(i int, em, pm float64) float64 {
	return math.FMA(pm, math.FMA(expTab[i], em, expTabM1[i]), pm-1)
}

// Exp returns e^x.
func Exp(x float64) float64 {
	if !(x > loFast && x < hiFast) { // also NaN: results near or past the float64 range
		return expSlow(x)
	}
	r, i, pm := reduce(x)
	return expOf(i, em1Poly(r), pm)
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
	// 2^m = 2^(m/2)·2^(m − m/2), both normal, so that a subnormal result
	// is rounded once, at the last multiplication.
	t, r := split(x)
	k := int64(t-round) + 32
	m := k >> 6
	return expOf(int(k&63), em1Poly(r), pow2(m/2)) * pow2(m-m/2)
}

// pow2 returns 2^m for m in [-1022, 1023].
func pow2(m int64) float64 {
	return math.Float64frombits(uint64(m+1023) << 52)
}

// expm1Fast is Expm1 in the fast range.
func expm1Fast(x float64) float64 {
	r, i, pm := reduce(x)
	return expm1Of(i, em1Poly(r), pm)
}

// Expm1 returns e^x − 1, accurately also for x near 0.
func Expm1(x float64) float64 {
	if !(x > loFast && x < hiFast) {
		if x < 0 {
			return -1 // e^x < 2^-1021: e^x − 1 rounds to −1
		}
		return Exp(x) - 1 // +Inf, NaN or e^x
	}
	return expm1Fast(x)
}

// Exprel returns (e^x − 1)/x, and 1 at x = 0: the function that removes the
// 0/0 of the Hodgkin–Huxley rate functions (α = a·x/(e^x − 1) = a/exprel(x)).
// Special cases: Exprel(-Inf) = 0, Exprel(+Inf) = +Inf, Exprel(NaN) = NaN;
// for x > 709.78, where e^x overflows, it returns +Inf.
func Exprel(x float64) float64 {
	if x == 0 {
		return 1
	}
	if math.IsInf(x, 0) {
		return max(x, 0)
	}
	return Expm1(x) / x
}

// ExprelInv returns 1/Exprel(x) = x/(e^x − 1), the factor of the
// Hodgkin–Huxley rates a·x/(e^x − 1), with one division. ExprelInv(0) = 1,
// ExprelInv(+Inf) = 0, ExprelInv(-Inf) = +Inf.
func ExprelInv(x float64) float64 {
	if x == 0 {
		return 1
	}
	if math.IsInf(x, 1) {
		return 0
	}
	return x / Expm1(x)
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
