package runtime

import (
	"math"
	"math/rand/v2"
	"testing"
)

// halfL2 is ln2/2, an edge of the reduction in earlier versions.
const halfL2 = 0.34657359027997264

// batchInputs returns arguments covering the fast paths, their edges and
// the special values, in an order that mixes them within groups of four:
// also many within 2 of the fast path's ends, where 2^m and e^x come
// nearest to the ends of the normal range (the AVX-512 kernels build
// 2^m·T from the exponent field, which is exact only for normal results).
func batchInputs() []float64 {
	r := rand.New(rand.NewPCG(5, 6))
	xs := []float64{0, math.Copysign(0, -1), 1e-300, -1e-300, halfL2, -halfL2,
		math.Nextafter(halfL2, 0), math.Nextafter(-halfL2, 0), -708.3, 709, 708.99, -708.29,
		709.5, -740, -746, 800, -800, math.Inf(1), math.Inf(-1), math.NaN(), 1e-12, -1e-12}
	for range 200000 {
		switch r.IntN(5) {
		case 4:
			if r.IntN(2) == 0 {
				xs = append(xs, loFast+2*r.Float64())
			} else {
				xs = append(xs, hiFast-2*r.Float64())
			}
		case 0:
			xs = append(xs, (r.Float64()-0.5)*2*halfL2*1.2)
		case 1:
			xs = append(xs, (r.Float64()-0.5)*80)
		case 2:
			xs = append(xs, r.Float64()*1500-760)
		default:
			xs = append(xs, (r.Float64()-0.5)*1e-6)
		}
	}
	return xs
}

// TestSlicesMatchScalar checks that each slice function returns, bit for
// bit, what its scalar function returns, for every length (so both the
// groups of four of the SIMD build and its tail are covered). With
// every kernel level the CPU has (eachLevel: the Go loops, AVX2, AVX-512)
// this compares the vector code with the scalar code.
func TestSlicesMatchScalar(t *testing.T) {
	t.Logf("SIMD build: %v, kernels in use: %v", SIMD(), VectorKernels())
	eachLevel(t, testSlicesMatchScalar)
}

func testSlicesMatchScalar(t *testing.T) {
	xs := batchInputs()
	fns := []struct {
		name   string
		slice  func([]float64)
		scalar func(float64) float64
	}{
		{"Exp", ExpSlice, Exp},
		{"Expm1", Expm1Slice, Expm1},
		{"Exprel", ExprelSlice, Exprel},
		{"ExprelInv", ExprelInvSlice, ExprelInv},
	}
	for _, f := range fns {
		for n := range 18 { // lengths 0..17 at every offset of a short prefix
			for off := 0; off+n <= 40; off++ {
				compareSlice(t, f.name, f.slice, f.scalar, xs[off:off+n])
			}
		}
		compareSlice(t, f.name, f.slice, f.scalar, xs)
	}
}

func compareSlice(t *testing.T, name string, slice func([]float64), scalar func(float64) float64, in []float64) {
	t.Helper()
	got := append([]float64(nil), in...)
	slice(got)
	for i, x := range in {
		want := scalar(x)
		if math.Float64bits(got[i]) != math.Float64bits(want) && !(math.IsNaN(got[i]) && math.IsNaN(want)) {
			t.Fatalf("%sSlice: element %d, x = %v: got %v, scalar %v", name, i, x, got[i], want)
		}
	}
}

func TestExprelInv(t *testing.T) {
	for _, x := range []float64{1e-300, -1e-300, 1e-10, -1e-10, 1e-5, 0.1, -0.1, 0.3, -0.3, 0.35, -0.35, 0.5, -0.5, 1, -1, 2.5, -2.5, 10, -10, 30, -30, 50} {
		got, want := ExprelInv(x), 1/exprelRef(x)
		if u := ulps(got, want); u > 3 {
			t.Errorf("ExprelInv(%v) = %v, want %v (%.2f ulp)", x, got, want, u)
		}
	}
	for _, c := range []struct{ x, want float64 }{{0, 1}, {math.Inf(1), 0}, {math.Inf(-1), math.Inf(1)}, {800, 0}, {-800, 800}} {
		if got := ExprelInv(c.x); got != c.want {
			t.Errorf("ExprelInv(%v) = %v, want %v", c.x, got, c.want)
		}
	}
	if !math.IsNaN(ExprelInv(math.NaN())) || !math.IsNaN(exprelInvStd(math.NaN())) {
		t.Error("ExprelInv(NaN) is not NaN")
	}
}

func TestSlicesNoAllocs(t *testing.T) {
	var buf [64]float64
	wantNoAllocs(t, "slices", func() {
		ExpSlice(buf[:])
		Expm1Slice(buf[:])
		ExprelSlice(buf[:])
		ExprelInvSlice(buf[:])
		ExprelInvAndNegSlice(buf[:32], buf[32:])
		ExprelAndNegPartsSlice(buf[:16], buf[16:32], buf[32:48])
		ExpDivSlice(buf[:16], buf[16:32], buf[32:48])
		ScaleSlice(buf[:], 0.5)
		IndDecaySlice(buf[:], 0.1, 0.2)
	})
}

// benchSlice measures f on blocks of 128 values, the size generated code
// uses; the block is refilled by a copy (a few percent of the time).
func benchSlice(b *testing.B, f func([]float64)) {
	src := make([]float64, 128)
	for i := range src {
		src[i] = float64(i)*0.15 - 10
	}
	buf := make([]float64, len(src))
	for b.Loop() {
		copy(buf, src)
		f(buf)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(buf)), "ns/value")
}

func BenchmarkExpSlice(b *testing.B)       { benchSlice(b, ExpSlice) }
func BenchmarkExprelInvSlice(b *testing.B) { benchSlice(b, ExprelInvSlice) }

// TestPairSlicesMatchScalar checks the pair forms and their parts forms: x
// gets exactly what the single slice function gives (the parts forms' y/d
// is the pair forms' y), y = e^−x within 3 ulp of Exp(−x) (exactly
// Exp(−x) outside the fast path), and the assembly and the portable loop
// agree bit for bit, for every length and offset of a short prefix, at
// every kernel level the CPU has.
func TestPairSlicesMatchScalar(t *testing.T) { eachLevel(t, testPairSlicesMatchScalar) }

func testPairSlicesMatchScalar(t *testing.T) {
	xs := batchInputs()
	fns := []struct {
		name   string
		pair   func(x, y []float64)
		parts  func(x, y, d []float64)
		scalar func(float64) float64
		what   int
	}{
		{"ExpAndNeg", ExpAndNegSlice, ExpAndNegPartsSlice, Exp, kExp},
		{"Expm1AndNeg", Expm1AndNegSlice, Expm1AndNegPartsSlice, Expm1, kExpm1},
		{"ExprelAndNeg", ExprelAndNegSlice, ExprelAndNegPartsSlice, Exprel, kExprel},
		{"ExprelInvAndNeg", ExprelInvAndNegSlice, ExprelInvAndNegPartsSlice, ExprelInv, kExprelInv},
	}
	for _, f := range fns {
		check := func(in []float64) {
			x := append([]float64(nil), in...)
			y := make([]float64, len(in))
			f.pair(x, y)
			px := append([]float64(nil), in...)
			py := make([]float64, len(in))
			pairScalar(px, py, nil, f.what)
			for i, a := range in {
				if want := f.scalar(a); !sameBits(x[i], want) {
					t.Fatalf("%sSlice x[%d], x = %v: %v, scalar %v", f.name, i, a, x[i], want)
				}
				want := Exp(-a)
				if u := ulps(y[i], want); !sameBits(y[i], want) && !(u <= 3) {
					t.Fatalf("%sSlice y[%d], x = %v: %v, Exp(−x) = %v (%.1f ulp)", f.name, i, a, y[i], want, u)
				}
				if !sameBits(x[i], px[i]) || !sameBits(y[i], py[i]) {
					t.Fatalf("%sSlice element %d, x = %v: (%v, %v), portable loop (%v, %v)", f.name, i, a, x[i], y[i], px[i], py[i])
				}
			}
			// The parts form: the same x, and y/d (as ExpDivSlice divides
			// it) the pair form's y, bit for bit.
			qx := append([]float64(nil), in...)
			qy, qd := make([]float64, len(in)), make([]float64, len(in))
			f.parts(qx, qy, qd)
			ExpDivSlice(make([]float64, len(in)), qy, qd)
			for i, a := range in {
				if !sameBits(qx[i], x[i]) || !sameBits(qy[i], y[i]) {
					t.Fatalf("%sPartsSlice element %d, x = %v: (%v, %v), pair form (%v, %v)", f.name, i, a, qx[i], qy[i], x[i], y[i])
				}
			}
		}
		for n := range 18 {
			for off := 0; off+n <= 40; off++ {
				check(xs[off : off+n])
			}
		}
		check(xs)
	}
}

// TestVectorEnv checks how EINETC_VECTOR is read: a level by name caps
// the kernels, an empty value allows all, anything else is reported and
// allows all.
func TestVectorEnv(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
		bad  bool
	}{{"", vecAVX512, false}, {"scalar", vecScalar, false}, {"avx2", vecAVX2, false}, {"avx512", vecAVX512, false}, {"AVX2", vecAVX512, true}, {"sse", vecAVX512, true}} {
		got, err := parseVector(c.in)
		if got != c.want || (err != nil) != c.bad {
			t.Errorf("parseVector(%q) = %v, %v; want %v, error %v", c.in, got, err, c.want, c.bad)
		}
	}
}

// TestExpDivSlice checks ExpDivSlice against Exp and the division, bit for
// bit, for every length and offset of a short prefix and at every kernel
// level: the quotients include zeros, infinities, NaN and subnormals.
func TestExpDivSlice(t *testing.T) {
	eachLevel(t, func(t *testing.T) {
		xs := batchInputs()
		r := rand.New(rand.NewPCG(7, 8))
		special := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 5e-324, -1e-310, 1e308, 3}
		qs, ds := make([]float64, len(xs)), make([]float64, len(xs))
		for i := range xs {
			qs[i] = (r.Float64() - 0.5) * math.Pow(2, float64(r.IntN(80)-40))
			ds[i] = (r.Float64() - 0.5) * math.Pow(2, float64(r.IntN(80)-40))
			if r.IntN(10) == 0 {
				qs[i] = special[r.IntN(len(special))]
			}
			if r.IntN(10) == 0 {
				ds[i] = special[r.IntN(len(special))]
			}
		}
		check := func(x, q, d []float64) {
			t.Helper()
			gx, gq := append([]float64(nil), x...), append([]float64(nil), q...)
			ExpDivSlice(gx, gq, d)
			for i := range x {
				if want := Exp(x[i]); !sameBits(gx[i], want) {
					t.Fatalf("ExpDivSlice: x[%d] = %v: got %v, Exp %v", i, x[i], gx[i], want)
				}
				if want := q[i] / d[i]; !sameBits(gq[i], want) {
					t.Fatalf("ExpDivSlice: %v/%v: got %v, want %v", q[i], d[i], gq[i], want)
				}
			}
		}
		for n := range 18 {
			for off := 0; off+n <= 40; off++ {
				check(xs[off:off+n], qs[off:off+n], ds[off:off+n])
			}
		}
		check(xs, qs, ds)
	})
}

// stateInputs returns n synaptic-state-like values for TestScaleSlice and
// TestIndDecaySlice, one in eight of them zero, infinite, NaN, subnormal or
// huge.
func stateInputs(r *rand.Rand, n int) []float64 {
	special := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 5e-324, -1e-310, 1e308}
	x := make([]float64, n)
	for i := range x {
		x[i] = (r.Float64() - 0.5) * 400
		if r.IntN(8) == 0 {
			x[i] = special[r.IntN(len(special))]
		}
	}
	return x
}

func sameBits(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
}

// TestScaleSlice checks ScaleSlice against the scalar multiplication, bit
// for bit, for lengths around the kernels' groups and special values, at
// every kernel level.
func TestScaleSlice(t *testing.T) {
	eachLevel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(9, 10))
		for _, k := range []float64{0.9801986733067553, 0.5, -3, 1e-300, math.Inf(1), 0} {
			for n := range 70 {
				x := stateInputs(r, n)
				got := append([]float64(nil), x...)
				ScaleSlice(got, k)
				for i := range x {
					if want := x[i] * k; !sameBits(got[i], want) {
						t.Fatalf("ScaleSlice(%v), n = %d: element %d = %v: got %v, want %v", k, n, i, x[i], got[i], want)
					}
				}
			}
		}
	})
}

// TestIndDecaySlice checks IndDecaySlice against its scalar expression, bit
// for bit, as TestScaleSlice does.
func TestIndDecaySlice(t *testing.T) {
	eachLevel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(11, 12))
		for _, ab := range [][2]float64{{0.09754115099857197, 0.2}, {0.1, 0.1}, {-3, 1e300}, {1e-300, 0.5}} {
			a, b := ab[0], ab[1]
			for n := range 40 {
				x := stateInputs(r, n)
				got := append([]float64(nil), x...)
				IndDecaySlice(got, a, b)
				for i := range x {
					if want := x[i] + a*((-x[i])*b); !sameBits(got[i], want) {
						t.Fatalf("IndDecaySlice(%v, %v), n = %d: element %d = %v: got %v, want %v", a, b, n, i, x[i], got[i], want)
					}
				}
			}
		}
	})
}

// TestExpEulerSlice checks ExpEulerSlice against the scalar step
// (b + s)·c − b, bit for bit, for lengths around the kernels' groups, with
// and without special values (a non-finite result in the vector part or
// in the tail must make it report false), at every kernel level; c must
// hold the old s afterwards.
func TestExpEulerSlice(t *testing.T) {
	eachLevel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(13, 14))
		for _, special := range []bool{false, true} {
			for n := range 70 {
				var s, b, c []float64
				if special {
					s, b, c = stateInputs(r, n), stateInputs(r, n), stateInputs(r, n)
				} else {
					s, b, c = make([]float64, n), make([]float64, n), make([]float64, n)
					for i := range n {
						s[i], b[i], c[i] = (r.Float64()-0.5)*200, (r.Float64()-0.5)*1e4, r.Float64()
					}
				}
				gs, gc := append([]float64(nil), s...), append([]float64(nil), c...)
				fin := ExpEulerSlice(gs, b, gc)
				want := true
				for i := range n {
					w := (b[i]+s[i])*c[i] - b[i]
					if !sameBits(gs[i], w) || !sameBits(gc[i], s[i]) {
						t.Fatalf("n = %d, element %d (s %v, b %v, c %v): got %v and c %v, want %v and c %v", n, i, s[i], b[i], c[i], gs[i], gc[i], w, s[i])
					}
					if math.IsNaN(w) || math.IsInf(w, 0) {
						want = false
					}
				}
				if fin != want {
					t.Fatalf("n = %d, special %v: ExpEulerSlice reports finite %v, want %v", n, special, fin, want)
				}
			}
		}
		oneNonFinite(t, "ExpEulerSlice", ExpEulerSlice)
	})
}

// oneNonFinite checks that f(s, x, y) reports a single non-finite s[k]
// anywhere, in the vector part or the tail, with finite x and y.
func oneNonFinite(t *testing.T, name string, f func(s, x, y []float64) bool) {
	t.Helper()
	for n := 1; n <= 40; n++ {
		for k := range n {
			s, x, y := make([]float64, n), make([]float64, n), make([]float64, n)
			for i := range n {
				s[i], x[i], y[i] = -65, 3, 0.5
			}
			s[k] = []float64{math.NaN(), math.Inf(1), math.Inf(-1)}[k%3]
			if f(s, x, y) {
				t.Fatalf("%s, n = %d: a non-finite value at %d not reported", name, n, k)
			}
		}
	}
}

// TestAboveMask checks AboveMask against x[i] > th for lengths around
// whole words, with NaN, infinities and values equal to th, at every
// kernel level; words the mask had before must be overwritten.
func TestAboveMask(t *testing.T) {
	eachLevel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(15, 16))
		for _, th := range []float64{-50, 0, math.Inf(1), math.Inf(-1)} {
			for n := range 200 {
				x := stateInputs(r, n)
				for i := range x {
					if r.IntN(10) == 0 {
						x[i] = th
					}
				}
				mask := make([]uint64, (n+63)/64+1)
				for i := range mask {
					mask[i] = ^uint64(0)
				}
				AboveMask(x, th, mask)
				for i := range x {
					if got, want := mask[i/64]>>(i%64)&1 == 1, x[i] > th; got != want {
						t.Fatalf("th %v, n = %d: bit %d (x = %v) is %v, want %v", th, n, i, x[i], got, want)
					}
				}
				if n%64 != 0 && mask[n/64]>>(n%64) != 0 {
					t.Fatalf("th %v, n = %d: bits past the end set: %#x", th, n, mask[n/64])
				}
			}
		}
	})
}

// TestIndEulerSlice is TestExpEulerSlice for IndEulerSlice's
// s + (h·c)·b.
func TestIndEulerSlice(t *testing.T) {
	eachLevel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(17, 18))
		for _, h := range []float64{0.1, 0.025, 1e300, -2} {
			for _, special := range []bool{false, true} {
				for n := range 70 {
					var s, c, b []float64
					if special {
						s, c, b = stateInputs(r, n), stateInputs(r, n), stateInputs(r, n)
					} else {
						s, c, b = make([]float64, n), make([]float64, n), make([]float64, n)
						for i := range n {
							s[i], c[i], b[i] = (r.Float64()-0.5)*200, r.Float64(), (r.Float64()-0.5)*1e4
						}
					}
					gs, gc := append([]float64(nil), s...), append([]float64(nil), c...)
					fin := IndEulerSlice(gs, gc, b, h)
					want := true
					for i := range n {
						w := s[i] + h*c[i]*b[i]
						if !sameBits(gs[i], w) || !sameBits(gc[i], s[i]) {
							t.Fatalf("h %v, n = %d, element %d (s %v, c %v, b %v): got %v and c %v, want %v and c %v", h, n, i, s[i], c[i], b[i], gs[i], gc[i], w, s[i])
						}
						if math.IsNaN(w) || math.IsInf(w, 0) {
							want = false
						}
					}
					if fin != want {
						t.Fatalf("h %v, n = %d, special %v: IndEulerSlice reports finite %v, want %v", h, n, special, fin, want)
					}
				}
			}
		}
		oneNonFinite(t, "IndEulerSlice", func(s, c, b []float64) bool { return IndEulerSlice(s, c, b, 0.1) })
	})
}
