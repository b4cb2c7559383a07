package runtime

import "math"

// Float32 forms of the exponentials, for models compiled with -f32.
//
// Method (table-free): x = k·ln2 + r with k = round(x/ln2), rounded by
// adding 1.5·2^23 (t = fma(x, 1/ln2, 1.5·2^23), k = t − 1.5·2^23), and
// |r| <= ln2/2 (Cody and Waite: ln2 in two parts, so that k·l2Hi is exact
// and x − k·l2Hi is too; each step one fused multiply-add); then
// p = e^r − 1 = r + r²·(c2 + c3·r + c4·r² + c5·r³ + c6·r⁴) and, with
// s = 2^k, e^x = s + s·p and e^x − 1 = (s − 1) + s·p, each one fused
// multiply-add (s − 1 is exact for |k| <= 24, rounded where e^x − 1 is
// about −1 or above 2^24; near 0, k = 0 and e^x − 1 = p keeps its relative
// accuracy). The coefficients are a minimax fit of e^r − 1 on |r| <=
// 1.0005·ln2/2 with c0 = 0 and c1 = 1 fixed (the largest absolute error,
// minimized by linear programming on 4001 Chebyshev points, then rounded
// to float32: 2^-27.7 with the rounded coefficients;
// testdata/exp32_coeffs.py derives and prints them). Every operation is a
// float32 multiplication, addition, subtraction or fused multiply-add
// (fma32: rounded once, as VFMADD rounds it), so that the vector kernels
// (sixteen lanes with AVX-512 in exp32_512_amd64.s, eight with AVX2 in
// exp32_avx2_amd64.s, in every amd64 build without -tags purego; with it,
// eight in archsimd in exp32_simd.go if GOEXPERIMENT=simd, none
// otherwise; exp32_kernels.go picks one; 2^k by VSCALEFPS or by shifting k into
// the exponent field, the fused operations VFMADD) return the same bits as
// these scalar functions. Go has no float32 fused multiply-add; fma32
// computes it exactly in float64 (slowly), so the scalar code uses plain
// operations where they are provably equal to the kernels' fused ones.
// Arguments outside the fast range (where 2^k would not be a normal
// float32 or e^x would overflow), NaN and ±Inf go to package math in
// float64, rounded once to float32. Accuracy against package math rounded
// to float32 (TestExp32Sweep: every seventh float32 of the fast range):
// Exp32 within 1 ulp (0.8 % of the arguments off by one), Expm1_32,
// Exprel32 and ExprelInv32 within 2 (TestExp32Accuracy, on random
// arguments under -short too, allows 2 and 3).

const (
	invl2   float32 = 1 / 0.6931471805599453 // 1/ln2
	round32 float32 = 0x1.8p23               // adding and subtracting it rounds |t| < 2^22 to an integer
	// The fast path covers (loFast32, hiFast32): there 2^k is a normal
	// float32 (k >= −126) and e^x does not overflow.
	loFast32 float32 = -87
	hiFast32 float32 = 88
	// The polynomial's coefficients (see above).
	e2f32 float32 = 0x1p-1
	e3f32 float32 = 0x1.55548ep-3
	e4f32 float32 = 0x1.55545ep-5
	e5f32 float32 = 0x1.123b92p-7
	e6f32 float32 = 0x1.6db47ep-10
)

// l2Hi is ln2 with its low 8 bits cleared, so that k·l2Hi is exact for
// |k| < 2^8; l2Lo is the rest.
var (
	l2Hi = math.Float32frombits(math.Float32bits(float32(math.Ln2)) &^ 0xff)
	l2Lo = float32(math.Ln2 - float64(l2Hi))
)

// fast32 reports whether x is in the fast path's range (false for NaN).
func fast32(x float32) bool { return x > loFast32 && x < hiFast32 }

// reduce32 returns, for x in the fast range, p = e^r − 1 and s = 2^k.
func reduce32(x float32) (p, s float32) {
	t := fma32(x, invl2, round32)
	k := t - round32
	// x − k·l2Hi is a float32 (k = 0, or |x| > 0.34 and the difference a
	// multiple of ulp(x) >= 2^-25 below 0.36 in magnitude), and k·l2Hi is
	// exact, so the plain operations give the vector kernels' fused
	// fma(−k, l2Hi, x), without emulating it.
	r := fma32(-k, l2Lo, x-k*l2Hi)
	q := fma32(e6f32, r, e5f32)
	q = fma32(q, r, e4f32)
	q = fma32(q, r, e3f32)
	q = fma32(q, r, e2f32)
	// t's bits are 0x4B400000 + k: shifted left by 23 they are k in the
	// exponent field (the shift drops the rest), to which 127 << 23 adds
	// the bias.
	return fma32(q, r*r, r), math.Float32frombits(math.Float32bits(t)<<23 + 127<<23)
}

// fma32 returns x·y + z rounded once to float32, as a float32 fused
// multiply-add (VFMADD…PS) rounds it. The product is exact in float64; the
// sum is rounded to float64 by rounding to odd (rounded to nearest, then,
// if inexact and its last bit is even, moved one ulp towards the exact sum,
// whose error TwoSum gives exactly), and a number rounded to odd with at
// least two bits more than float32 rounds to nearest float32 as the exact
// value does (Boldo and Melquiond, "Emulation of FMA and correctly rounded
// sums: proved algorithms using rounding to odd", 2008).
func fma32(x, y, z float32) float32 {
	p, c := float64(x)*float64(y), float64(z)
	s := p + c
	v := s - p
	e := (p - (s - v)) + (c - v) // p + c = s + e exactly
	b := math.Float64bits(s)
	if e == 0 || e != e || b&1 != 0 { // exact (NaN e: infinite operands), or odd already
		return float32(s)
	}
	if (e > 0) == (s > 0) {
		b++ // away from zero
	} else {
		b--
	}
	return float32(math.Float64frombits(b))
}

// Exp32 returns e^x in float32.
func Exp32(x float32) float32 {
	if !fast32(x) {
		return float32(math.Exp(float64(x)))
	}
	p, s := reduce32(x)
	return s * (p + 1) // = fma(s, p, s), as the kernels compute it: s is a power of 2 and the result normal
}

// Expm1_32 returns e^x − 1 in float32, accurately also near 0.
func Expm1_32(x float32) float32 {
	if !fast32(x) {
		return float32(math.Expm1(float64(x)))
	}
	p, s := reduce32(x)
	return fma32(s, p, s-1)
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

// forceLanes32 selects the kernel of the given width (one kernelWidths32
// lists) and returns a function that restores the previous one.
func forceLanes32(lanes int) func() {
	l := lanes32
	lanes32 = lanes
	return func() { lanes32 = l }
}
