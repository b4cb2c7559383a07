package runtime

import (
	"math"
	"testing"
)

// TestExpDivSlice32 checks ExpDivSlice32 against Exp32 and the float32
// division, bit for bit, for every length and offset (vector groups, the
// groups with a lane outside the fast path, the tail) at every kernel
// width this machine has; the quotients include zero and non-finite
// divisors.
func TestExpDivSlice32(t *testing.T) {
	xs := inputs32()
	qs := make([]float32, len(xs))
	ds := make([]float32, len(xs))
	for i := range xs {
		qs[i] = xs[(i*7+3)%len(xs)]
		ds[i] = xs[(i*13+5)%len(xs)]
	}
	for _, lanes := range kernelWidths32() {
		restore := forceLanes32(lanes)
		check := func(lo, hi int) {
			x := append([]float32(nil), xs[lo:hi]...)
			q := append([]float32(nil), qs[lo:hi]...)
			ExpDivSlice32(x, q, ds[lo:hi])
			for i := range x {
				k := lo + i
				wx, wq := Exp32(xs[k]), qs[k]/ds[k]
				if !same32(x[i], wx) || !same32(q[i], wq) {
					t.Fatalf("%d lanes: element %d: exp %v / %v, quotient %v / %v", lanes, k, x[i], wx, q[i], wq)
				}
			}
		}
		for n := range 50 {
			for off := 0; off+n <= 70; off++ {
				check(off, off+n)
			}
		}
		check(0, len(xs))
		restore()
	}
}

// same32 reports whether a and b are the same float32 (any NaN equals any NaN).
func same32(a, b float32) bool {
	return math.Float32bits(a) == math.Float32bits(b) || a != a && b != b
}

// TestPairSlices32 checks the float32 pair and parts forms at every kernel
// width this machine has against pairScalar32 (the portable loop), bit for
// bit, for every length and offset; the first results against the plain
// functions; and y (y/d for the parts forms) within 2 ulp of Exp32(−x).
func TestPairSlices32(t *testing.T) {
	xs := inputs32()
	type form struct {
		name   string
		pair   func(x, y []float32)
		parts  func(x, y, d []float32)
		what   int
		scalar func(float32) float32
	}
	forms := []form{
		{"Exp", ExpAndNegSlice32, ExpAndNegPartsSlice32, kExp, Exp32},
		{"Expm1", Expm1AndNegSlice32, Expm1AndNegPartsSlice32, kExpm1, Expm1_32},
		{"Exprel", ExprelAndNegSlice32, ExprelAndNegPartsSlice32, kExprel, Exprel32},
		{"ExprelInv", ExprelInvAndNegSlice32, ExprelInvAndNegPartsSlice32, kExprelInv, ExprelInv32},
	}
	for _, lanes := range kernelWidths32() {
		restore := forceLanes32(lanes)
		for _, f := range forms {
			check := func(lo, hi int) {
				in := xs[lo:hi]
				x, y := append([]float32(nil), in...), make([]float32, len(in))
				px, py, pd := append([]float32(nil), in...), make([]float32, len(in)), make([]float32, len(in))
				wx, wy, wd := append([]float32(nil), in...), make([]float32, len(in)), make([]float32, len(in))
				f.pair(x, y)
				f.parts(px, py, pd)
				pairScalar32(wx, wy, wd, f.what)
				for i, a := range in {
					if !same32(x[i], f.scalar(a)) || !same32(px[i], x[i]) || !same32(wx[i], x[i]) {
						t.Fatalf("%d lanes: %sAndNeg: x = %v: %v, parts %v, want %v", lanes, f.name, a, x[i], px[i], f.scalar(a))
					}
					if !same32(py[i], wy[i]) || !same32(pd[i], wd[i]) || !same32(y[i], wy[i]/wd[i]) {
						t.Fatalf("%d lanes: %sAndNeg: x = %v: y %v, parts %v/%v, want %v/%v", lanes, f.name, a, y[i], py[i], pd[i], wy[i], wd[i])
					}
					if want := Exp32(-a); fast32(a) && !math.IsInf(float64(want), 0) && want > 0x1p-126 && ulps32(y[i], want) > 2 {
						t.Fatalf("%sAndNeg: e^−x at x = %v: %v, Exp32 %v", f.name, a, y[i], want)
					}
				}
			}
			for n := range 40 {
				for off := 0; off+n <= 60; off++ {
					check(off, off+n)
				}
			}
			check(0, len(xs))
		}
		restore()
	}
}

// TestPartsSlices32ShortD checks that the float32 parts forms, like the
// float64 ones, slice d to len(x) before any kernel writes it: a d shorter
// than x, with less capacity, panics and the memory after it is not
// written.
func TestPartsSlices32ShortD(t *testing.T) {
	for _, lanes := range kernelWidths32() {
		restore := forceLanes32(lanes)
		for _, f := range []func(x, y, d []float32){ExpAndNegPartsSlice32, ExprelInvAndNegPartsSlice32} {
			x, y := make([]float32, 64), make([]float32, 64)
			mem := make([]float32, 64)
			for i := range mem {
				mem[i] = -7
			}
			func() {
				defer func() {
					if recover() == nil {
						t.Errorf("%d lanes: no panic for len(d) 16 < len(x) 64", lanes)
					}
				}()
				f(x, y, mem[:16:16])
			}()
			for i, v := range mem[16:] {
				if v != -7 {
					t.Fatalf("%d lanes: the element %d past d was written: %v", lanes, 16+i, v)
				}
			}
		}
		restore()
	}
}
