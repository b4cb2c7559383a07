package runtime

import "math"

// Float32 forms of the exponentials, for models compiled with -f32.
//
// Method (Tang's, with an 8-entry table): x = (8m + j)·ln2/8 + r with
// k = 8m + j = round(x·8/ln2), j in [0, 8) and |r| <= ln2/16 (ln2/8 in
// two parts, so that k·L1 is exact); e^r − 1 = r + r²·(1/2 + r/6 + r²/24)
// (the first omitted term is below 2^-29); then with u = 2^m·T_j, T_j =
// 2^(j/8), e^x = u + u·(e^r − 1) and e^x − 1 = (u − 1) + (u·(e^r − 1) +
// 2^m·L_j), where L_j = 2^(j/8) − T_j is what the table's rounding lost and
// u − 1 is exact while |x| < ln2/2 (Sterbenz: u is in [1/2, 2]), so that
// e^x − 1 keeps its relative accuracy near 0.
// Every operation is a float32 multiplication, addition, subtraction,
// fused multiply-add (fma32: rounded once, as VFMADD rounds it) or a table
// lookup, so that the vector kernels (sixteen lanes with AVX-512 in
// exp32_512_amd64.s, in every amd64 build; eight with AVX2 in exp32_simd.go,
// in the SIMD build; the table in one VPERMPS, the fused operations VFMADD)
// return the same bits as these scalar functions. Go has no float32
// fused multiply-add; fma32 computes it exactly in float64. Arguments outside the fast range
// (where 2^m would not be a normal float32), NaN and ±Inf go to package
// math in float64, rounded once to float32. Accuracy against package math
// rounded to float32 (TestExp32Accuracy, measured worst cases): Exp32
// within 1 ulp, Expm1_32, Exprel32 and ExprelInv32 within 2 (the test
// allows 2 and 3).

const (
	inv8l2  float32 = 8 / 0.6931471805599453 // 8/ln2
	round32 float32 = 0x1.8p23               // adding and subtracting it rounds |t| < 2^22 to an integer
	// The fast path covers (loFast32, hiFast32): there 2^m is a normal
	// float32 and e^x does not overflow.
	loFast32 float32 = -87
	hiFast32 float32 = 88
	q2       float32 = 1.0 / 2
	q3       float32 = 1.0 / 6
	q4       float32 = 1.0 / 24
)

// l8Hi is ln2/8 with its low 11 bits cleared, so that k·l8Hi is exact for
// |k| < 2^11; l8Lo is the rest.
var (
	l8Hi = math.Float32frombits(math.Float32bits(float32(math.Ln2/8)) &^ 0x7ff)
	l8Lo = float32(math.Ln2/8 - float64(l8Hi))
)

// exp2Tab[j] = 2^(j/8) rounded to float32, exp2TabLo[j] the rest;
// exp2Tab16 and exp2TabLo16 are the tables twice over, for the sixteen-lane
// VPERMPS of the vector kernels (indices stay below 8). They are variables
// initialized from functions, not by an init function, so that every init
// function (exp32_avx2_amd64.go's) sees them filled in.
var (
	exp2Tab, exp2TabLo     = exp2Tables()
	exp2Tab16, exp2TabLo16 = twice(exp2Tab), twice(exp2TabLo)
)

func exp2Tables() (hi, lo [8]float32) {
	for j := range 8 {
		e := math.Exp2(float64(j) / 8)
		hi[j] = float32(e)
		lo[j] = float32(e - float64(hi[j]))
	}
	return hi, lo
}

func twice(t [8]float32) (t2 [16]float32) {
	copy(t2[:], t[:])
	copy(t2[8:], t[:])
	return t2
}

// fast32 reports whether x is in the fast path's range (false for NaN).
func fast32(x float32) bool { return x > loFast32 && x < hiFast32 }

// reduce32 returns, for x in the fast range, e^r − 1, the table index j
// and 2^m.
func reduce32(x float32) (em float32, j uint32, pm float32) {
	t := x*inv8l2 + round32
	nkf := round32 - t                // −k
	r := fma32(nkf, l8Lo, x+nkf*l8Hi) // k·l8Hi is exact, so x + nkf·l8Hi is fused or not alike
	p := fma32(q4, r, q3)
	p = fma32(p, r, q2)
	// t's bits are 0x4B400000 + k, k = 8m + j: the low three are j; without
	// them, shifted left by 20, they are m in the exponent field (the shift
	// drops the rest), to which 127 << 23 adds the bias.
	b := math.Float32bits(t)
	j = b & 7
	return fma32(p, r*r, r), j, math.Float32frombits((b-j)<<20 + 127<<23)
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
	em, j, pm := reduce32(x)
	u := pm * exp2Tab[j]
	return fma32(u, em, u)
}

// Expm1_32 returns e^x − 1 in float32, accurately also near 0.
func Expm1_32(x float32) float32 {
	if !fast32(x) {
		return float32(math.Expm1(float64(x)))
	}
	em, j, pm := reduce32(x)
	u := pm * exp2Tab[j]
	return (u - 1) + fma32(u, em, pm*exp2TabLo[j])
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
