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
