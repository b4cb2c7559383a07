package runtime

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestAtToMatchesAt checks AtTo against At, bit for bit, inside the grid,
// at its ends, outside it and at NaN, for every length up to 9 (the SIMD
// build's groups of four and their tails).
func TestAtToMatchesAt(t *testing.T) {
	tab := newTable(-100, 0.5, 401)
	for k := range tab.Data {
		tab.Data[k] = math.Sin(tab.X(k) / 7)
	}
	r := rand.New(rand.NewPCG(7, 8))
	xs := []float64{-100, 100, -100.25, 99.75, 99.99, 100.5, -101, math.NaN(), math.Inf(1), math.Inf(-1), 0}
	for range 20000 {
		xs = append(xs, r.Float64()*210-105)
	}
	check := func(in []float64) {
		out := make([]float64, len(in))
		tab.AtTo(out, in)
		for l, x := range in {
			want := tab.At(x)
			if math.Float64bits(out[l]) != math.Float64bits(want) && !(math.IsNaN(want) && math.IsNaN(out[l])) {
				t.Fatalf("AtTo element %d at x = %v: %v, At gives %v", l, x, out[l], want)
			}
		}
	}
	for n := range 10 {
		for off := 0; off+n <= 30; off++ {
			check(xs[off : off+n])
		}
	}
	check(xs)
}
