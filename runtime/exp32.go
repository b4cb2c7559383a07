package runtime

import "math"

// Float32 forms of the exponentials, for models compiled with -f32.
//
// Method (Cephes' expf): x = n·ln2 + r with n = round(x·log2 e) and
// |r| <= ln2/2 (ln2 in two parts, so that n·C1 is exact); e^r − 1 =
// r + r²·P(r) with P of degree 5; e^x = (e^r − 1 + 1)·2^n and
// e^x − 1 = 2^n·(e^r − 1) + (2^n − 1), which keeps its relative accuracy
// near 0 (n = 0). Every operation is a float32 multiplication, addition or
// subtraction — no fused multiply-add, which Go's float32 arithmetic
// cannot express — so that the vector kernels (exp32_simd.go: eight lanes
// with AVX2, sixteen with AVX-512) return the same bits as these scalar
// functions. Arguments outside the fast range (where 2^n would not be a
// normal float32), NaN and ±Inf go to package math in float64, rounded
// once to float32. Accuracy against package math rounded to float32
// (TestExp32Accuracy): Exp32 and Expm1_32 within 1 ulp, Exprel32 and
// ExprelInv32 within 2 (measured worst cases; the test allows 2 and 3).

const (
	log2e32 float32 = 1.44269504088896341 // log2(e)
	round32 float32 = 0x1.8p23            // adding and subtracting it rounds |t| < 2^22 to an integer
	ln2Hi32 float32 = 0.693359375         // ln2, high part: 9 bits, n·ln2Hi32 is exact
	ln2Lo32 float32 = -2.12194440e-4      // ln2 − ln2Hi32
	// The fast path covers (loFast32, hiFast32): there 2^n is a normal
	// float32 and e^x does not overflow.
	loFast32 float32 = -87
	hiFast32 float32 = 88
	// Cephes expf's coefficients of P: e^r ≈ 1 + r + r²·P(r).
	p0 float32 = 5.0000001201e-1
	p1 float32 = 1.6666665459e-1
	p2 float32 = 4.1665795894e-2
	p3 float32 = 8.3334519073e-3
	p4 float32 = 1.3981999507e-3
	p5 float32 = 1.9875691500e-4
)

// fast32 reports whether x is in the fast path's range (false for NaN).
func fast32(x float32) bool { return x > loFast32 && x < hiFast32 }

// reduce32 returns e^r − 1 and 2^n for x in the fast range.
func reduce32(x float32) (em, pn float32) {
	t := x*log2e32 + round32
	nf := t - round32
	r := x - nf*ln2Hi32 - nf*ln2Lo32
	p := p5*r + p4
	p = p*r + p3
	p = p*r + p2
	p = p*r + p1
	p = p*r + p0
	// t's bits are 0x4B400000 + n: adding 127 and shifting by 23 leaves the
	// exponent field of 2^n (the shift drops the rest).
	return p*(r*r) + r, math.Float32frombits((math.Float32bits(t) + 127) << 23)
}

// Exp32 returns e^x in float32.
func Exp32(x float32) float32 {
	if !fast32(x) {
		return float32(math.Exp(float64(x)))
	}
	em, pn := reduce32(x)
	return (em + 1) * pn
}

// Expm1_32 returns e^x − 1 in float32, accurately also near 0.
func Expm1_32(x float32) float32 {
	if !fast32(x) {
		return float32(math.Expm1(float64(x)))
	}
	em, pn := reduce32(x)
	return pn*em + (pn - 1)
}

// Exprel32 returns (e^x − 1)/x in float32, and 1 at x = 0 (see Exprel).
func Exprel32(x float32) float32 {
	if x == 0 {
		return 1
	}
	if !fast32(x) {
		return float32(Exprel(float64(x)))
	}
	return Expm1_32(x) / x
}

// ExprelInv32 returns x/(e^x − 1) in float32, and 1 at x = 0 (see
// ExprelInv).
func ExprelInv32(x float32) float32 {
	if x == 0 {
		return 1
	}
	if !fast32(x) {
		return float32(ExprelInv(float64(x)))
	}
	return x / Expm1_32(x)
}

// Select32 is Select for float32.
func Select32(c bool, a, b float32) float32 {
	if c {
		return a
	}
	return b
}

// B2F32 is B2F for float32.
func B2F32(c bool) float32 {
	if c {
		return 1
	}
	return 0
}

// ExpSlice32 replaces each element of x by Exp32 of it.
func ExpSlice32(x []float32) {
	done := vec32(x, kExp)
	for k, a := range x[done:] {
		x[done+k] = Exp32(a)
	}
}

// Expm1Slice32 replaces each element of x by Expm1_32 of it.
func Expm1Slice32(x []float32) {
	done := vec32(x, kExpm1)
	for k, a := range x[done:] {
		x[done+k] = Expm1_32(a)
	}
}

// ExprelSlice32 replaces each element of x by Exprel32 of it.
func ExprelSlice32(x []float32) {
	done := vec32(x, kExprel)
	for k, a := range x[done:] {
		x[done+k] = Exprel32(a)
	}
}

// ExprelInvSlice32 replaces each element of x by ExprelInv32 of it.
func ExprelInvSlice32(x []float32) {
	done := vec32(x, kExprelInv)
	for k, a := range x[done:] {
		x[done+k] = ExprelInv32(a)
	}
}

// vec32 runs the vector kernel of kind what (if this build and CPU have
// one) over x: groups of lanes, a group with a lane outside the fast range
// done by the scalar function. It returns how many leading elements it did;
// the caller does the rest (fewer than one group) with the scalar function.
func vec32(x []float32, what int) int {
	if lanes32 == 1 {
		return 0
	}
	done := 0
	for done < len(x) {
		done += kernel32(x[done:], what)
		if len(x)-done < lanes32 {
			return done
		}
		// A group with a lane outside the fast path: the scalar function.
		for k := done; k < done+lanes32; k++ {
			x[k] = scalar32(x[k], what)
		}
		done += lanes32
	}
	return done
}

func scalar32(a float32, what int) float32 {
	switch what {
	case kExp:
		return Exp32(a)
	case kExpm1:
		return Expm1_32(a)
	case kExprel:
		return Exprel32(a)
	}
	return ExprelInv32(a)
}

// lanes32 is the width of the vector kernel, kernel32 (1: none). The
// kernel replaces x's elements group by group of lanes32, up to the first
// group with a lane outside the fast range or fewer than lanes32 left, and
// returns how many it did. (A direct call, not a function variable: through
// one, the block arrays of generated code would escape to the heap.)
var lanes32 = 1
