package runtime

import (
	"math"
	"math/rand/v2"
	"testing"
)

// newTestSet returns a set of three functions on the grid of -100..100 mV
// every 0.5 mV, with a Table of each for comparison.
func newTestSet() (TableSet, []Table) {
	s := NewTableSet(-100, 0.5, 401, 3)
	tabs := []Table{newTable(-100, 0.5, 401), newTable(-100, 0.5, 401), newTable(-100, 0.5, 401)}
	fns := []func(float64) float64{
		func(v float64) float64 { return math.Sin(v / 7) },
		func(v float64) float64 { return math.Exp(v / 40) },
		func(v float64) float64 { return 1 / (1 + math.Exp(-v/5)) },
	}
	for i := range s.N {
		for k, f := range fns {
			s.Set(i, k, f(s.X(i)))
			tabs[k].Data[i] = f(tabs[k].X(i))
		}
	}
	return s, tabs
}

// TestTableSetAt checks that a TableSet interpolates exactly as a Table
// of each of its functions does (bit for bit), at grid points, between
// them, at the ends, outside and at NaN.
func TestTableSetAt(t *testing.T) {
	s, tabs := newTestSet()
	xs := []float64{-100, 100, -100.25, 99.75, 99.99, 100.5, -101, math.NaN(), math.Inf(1), math.Inf(-1), 0, 0.25, 37.5}
	r := rand.New(rand.NewPCG(3, 4))
	for range 1000 {
		xs = append(xs, r.Float64()*210-105)
	}
	for _, x := range xs {
		for k := range tabs {
			got, want := s.At(k, x), tabs[k].At(x)
			if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("function %d at %v: %v, Table gives %v", k, x, got, want)
			}
		}
	}
	if got := s.At(1, 0); got != 1 {
		t.Errorf("At(grid point 0) = %v, want e^0 = 1", got)
	}
	if !raceEnabled {
		if a := testing.AllocsPerRun(100, func() { s.At(2, 0.3) }); a != 0 {
			t.Errorf("At allocates %v times", a)
		}
	}
}

// TestTableSetAtTo checks AtTo against At, bit for bit, for every length
// up to 9 at several offsets (the assembly's groups of four and the
// tails), with values in and out of the grid mixed within groups, at every
// kernel level the CPU has.
func TestTableSetAtTo(t *testing.T) { eachLevel(t, testTableSetAtTo) }

func testTableSetAtTo(t *testing.T) {
	s, _ := newTestSet()
	r := rand.New(rand.NewPCG(7, 8))
	xs := []float64{-100, 100, -100.25, 99.75, 99.99, 100.5, -101, math.NaN(), math.Inf(1), math.Inf(-1), 0}
	for range 20000 {
		xs = append(xs, r.Float64()*210-105)
	}
	check := func(in []float64) {
		const pad = 3
		stride := len(in) + pad
		out := make([]float64, s.K*stride)
		for i := range out {
			out[i] = -7 // AtTo must leave the padding alone
		}
		s.AtTo(out, stride, in)
		for k := range s.K {
			for l := range stride {
				got := out[k*stride+l]
				if l >= len(in) {
					if got != -7 {
						t.Fatalf("AtTo wrote the padding: function %d, element %d", k, l)
					}
					continue
				}
				want := s.At(k, in[l])
				if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(want) && math.IsNaN(got)) {
					t.Fatalf("AtTo function %d, element %d at x = %v: %v, At gives %v", k, l, in[l], got, want)
				}
			}
		}
	}
	for n := range 10 {
		for off := 0; off+n <= 30; off++ {
			check(xs[off : off+n])
		}
	}
	check(xs)
	var dst [3 * 128]float64
	if !raceEnabled {
		if a := testing.AllocsPerRun(100, func() { s.AtTo(dst[:], 128, xs[:128]) }); a != 0 {
			t.Errorf("AtTo allocates %v times", a)
		}
	}
}

func BenchmarkTableSetAtTo(b *testing.B) {
	s := NewTableSet(-150, 0.01, 25001, 6)
	x := make([]float64, 128)
	for i := range x {
		x[i] = -70 + float64(i)*0.3
	}
	var dst [6 * 128]float64
	for b.Loop() {
		s.AtTo(dst[:], 128, x)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(x)*s.K), "ns/lookup")
}
