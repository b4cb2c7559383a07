package runtime

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// inputs32 covers the float32 fast path, its edges, zero, tiny values and
// the special values, mixed within groups of eight and sixteen.
func inputs32() []float32 {
	r := rand.New(rand.NewPCG(7, 8))
	xs := []float32{0, float32(math.Copysign(0, -1)), 1e-30, -1e-30, 0.34657359, -0.34657359,
		-87, 88, math.Nextafter32(-87, 0), math.Nextafter32(88, 0), -87.5, 88.5, -104, 89, -200, 200,
		float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()), 1e-7, -1e-7}
	for range 100000 {
		switch r.IntN(4) {
		case 0:
			xs = append(xs, float32((r.Float64()-0.5)*0.8))
		case 1:
			xs = append(xs, float32((r.Float64()-0.5)*80))
		case 2:
			xs = append(xs, float32(r.Float64()*200-100))
		default:
			xs = append(xs, float32((r.Float64()-0.5)*1e-4))
		}
	}
	return xs
}

// ulps32 is the distance in units in the last place of want between got and
// want (float32 values of the same sign).
func ulps32(got, want float32) float64 {
	if got == want {
		return 0
	}
	_, e := math.Frexp(float64(want))
	ulp := math.Ldexp(1, e-24)
	if want == 0 || math.Abs(float64(want)) < 0x1p-126 {
		ulp = 0x1p-149
	}
	return math.Abs(float64(got)-float64(want)) / ulp
}

// TestExp32Accuracy measures the float32 functions against package math in
// float64, rounded once to float32 (0.5 ulp): at most 2 ulp for Exp32 and
// Expm1_32, 3 for Exprel32 and ExprelInv32 (one division more).
func TestExp32Accuracy(t *testing.T) {
	fns := []struct {
		name  string
		f     func(float32) float32
		ref   func(float64) float64
		limit float64
	}{
		{"Exp32", Exp32, math.Exp, 2},
		{"Expm1_32", Expm1_32, math.Expm1, 2},
		{"Exprel32", Exprel32, ExprelStd, 3},
		{"ExprelInv32", ExprelInv32, func(x float64) float64 { return 1 / ExprelStd(x) }, 3},
	}
	for _, f := range fns {
		worst, at := 0.0, float32(0)
		for _, x := range inputs32() {
			if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
				continue
			}
			got, want := f.f(x), float32(f.ref(float64(x)))
			if math.IsInf(float64(want), 0) || math.IsInf(float64(got), 0) {
				if got != want {
					t.Errorf("%s(%v) = %v, want %v", f.name, x, got, want)
				}
				continue
			}
			if u := ulps32(got, want); u > worst {
				worst, at = u, x
			}
		}
		t.Logf("%s: worst %.2f ulp at x = %v", f.name, worst, at)
		if worst > f.limit {
			t.Errorf("%s: %.2f ulp at x = %v (limit %v)", f.name, worst, at, f.limit)
		}
	}
	inf, nan := float32(math.Inf(1)), float32(math.NaN())
	for _, c := range []struct {
		name      string
		got, want float32
	}{
		{"Exp32(+Inf)", Exp32(inf), inf},
		{"Exp32(−Inf)", Exp32(-inf), 0},
		{"Exp32(89)", Exp32(89), inf}, // overflow
		{"Exp32(0)", Exp32(0), 1},
		{"Exp32(1)", Exp32(1), float32(math.E)},
		{"Exp32(−104)", Exp32(-104), float32(math.Exp(-104))}, // subnormal
		{"Exp32(−110)", Exp32(-110), 0},                       // underflow
		{"Expm1_32(+Inf)", Expm1_32(inf), inf},
		{"Expm1_32(−Inf)", Expm1_32(-inf), -1},
		{"Expm1_32(0)", Expm1_32(0), 0},
		{"Expm1_32(1e-30)", Expm1_32(1e-30), 1e-30},
		{"Exprel32(0)", Exprel32(0), 1},
		{"ExprelInv32(0)", ExprelInv32(0), 1},
	} {
		if math.Float32bits(c.got) != math.Float32bits(c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	for _, f := range []func(float32) float32{Exp32, Expm1_32, Exprel32, ExprelInv32} {
		if v := f(nan); v == v {
			t.Errorf("NaN argument: %v", v)
		}
	}
}

// TestExp32Sweep measures the float32 exponentials on every seventh
// float32 of the fast range (−87, 88), by bit pattern from the smallest
// positive and the smallest negative one, about 3.2·10^8 arguments,
// against package math rounded to float32 (as TestExp32Accuracy), and
// requires what exp32.go and docs/simulation.md state: Exp32 within 1 ulp,
// Expm1_32, Exprel32 and ExprelInv32 within 2. It logs how many
// arguments are one and two ulp off. It runs the slice forms, which return
// the scalar functions' bits (TestSlices32MatchScalar); skipped under
// -short.
func TestExp32Sweep(t *testing.T) {
	if testing.Short() {
		t.Skip("3.2·10^8 arguments; skipped under -short")
	}
	fns := []struct {
		name  string
		slice func([]float32)
		ref   func(float64) float64
		limit float64
		count [3]int // arguments 0 < u <= 1, 1 < u <= 2 and u > 2 ulp off
	}{
		{name: "Exp32", slice: ExpSlice32, ref: math.Exp, limit: 1},
		{name: "Expm1_32", slice: Expm1Slice32, ref: math.Expm1, limit: 2},
		{name: "Exprel32", slice: ExprelSlice32, ref: ExprelStd, limit: 2},
		{name: "ExprelInv32", slice: ExprelInvSlice32, ref: func(x float64) float64 { return 1 / ExprelStd(x) }, limit: 2},
	}
	in, out := make([]float32, 0, 4096), make([]float32, 4096)
	total := 0
	flush := func() {
		for f := range fns {
			fn := &fns[f]
			out = append(out[:0], in...)
			fn.slice(out)
			for i, x := range in {
				u := ulps32(out[i], float32(fn.ref(float64(x))))
				switch {
				case u == 0:
				case u <= 1:
					fn.count[0]++
				case u <= 2:
					fn.count[1]++
				default:
					fn.count[2]++
				}
				if u > fn.limit {
					t.Errorf("%s(%v) = %v: %.2f ulp off (limit %v)", fn.name, x, out[i], u, fn.limit)
				}
			}
		}
		total += len(in)
		in = in[:0]
	}
	for _, r := range [][2]uint32{{1, math.Float32bits(hiFast32)}, {1<<31 | 1, math.Float32bits(loFast32)}} {
		for b := r[0]; b < r[1]; b += 7 {
			if in = append(in, math.Float32frombits(b)); len(in) == cap(in) {
				flush()
			}
		}
	}
	flush()
	for _, fn := range fns {
		t.Logf("%s: of %d arguments %d (%.2f %%) one ulp off, %d two, %d more", fn.name, total, fn.count[0], 100*float64(fn.count[0])/float64(total), fn.count[1], fn.count[2])
	}
}

// TestSlices32MatchScalar checks that the float32 slice functions return,
// bit for bit, the scalar functions' results, for every length and offset
// (the vector groups and the tail), with the kernel this machine picks and,
// in the SIMD build, with every narrower one (forceLanes32).
func TestSlices32MatchScalar(t *testing.T) {
	xs := inputs32()
	fns := []struct {
		name   string
		slice  func([]float32)
		scalar func(float32) float32
	}{
		{"Exp32", ExpSlice32, Exp32},
		{"Expm1_32", Expm1Slice32, Expm1_32},
		{"Exprel32", ExprelSlice32, Exprel32},
		{"ExprelInv32", ExprelInvSlice32, ExprelInv32},
	}
	for _, lanes := range kernelWidths32() {
		restore := forceLanes32(lanes)
		t.Logf("float32 kernel: %d lanes", lanes32)
		for _, f := range fns {
			for n := range 34 {
				for off := 0; off+n <= 60; off++ {
					compare32(t, f.name, f.slice, f.scalar, xs[off:off+n])
				}
			}
			compare32(t, f.name, f.slice, f.scalar, xs)
		}
		restore()
	}
}

func compare32(t *testing.T, name string, slice func([]float32), scalar func(float32) float32, in []float32) {
	t.Helper()
	got := append([]float32(nil), in...)
	slice(got)
	for i, x := range in {
		want := scalar(x)
		if math.Float32bits(got[i]) != math.Float32bits(want) && !(got[i] != got[i] && want != want) {
			t.Fatalf("%d lanes: %sSlice: element %d, x = %v: got %v, scalar %v", lanes32, name, i, x, got[i], want)
		}
	}
}

func TestSlices32NoAllocs(t *testing.T) {
	x := inputs32()[:256]
	if a := testing.AllocsPerRun(10, func() { ExprelInvSlice32(x); ExpSlice32(x) }); a != 0 {
		t.Errorf("%v allocations", a)
	}
}

func BenchmarkExpSlice32(b *testing.B) {
	x := make([]float32, 256)
	for i := range x {
		x[i] = float32(i%100)*0.1 - 5
	}
	y := make([]float32, 256)
	for b.Loop() {
		copy(y, x)
		ExpSlice32(y)
	}
}

// BenchmarkExprelInvSlice32 times each kernel width this machine has.
func BenchmarkExprelInvSlice32(b *testing.B) {
	x := make([]float32, 256)
	for i := range x {
		x[i] = float32(i%100)*0.1 - 5
	}
	y := make([]float32, 256)
	for _, lanes := range kernelWidths32() {
		b.Run(map[int]string{16: "lanes=16", 8: "lanes=8", 1: "lanes=1"}[lanes], func(b *testing.B) {
			defer forceLanes32(lanes)()
			for b.Loop() {
				copy(y, x)
				ExprelInvSlice32(y)
			}
		})
	}
}

// TestFMA32 checks fma32 against x·y + z computed exactly (math/big) and
// rounded once to float32, on random operands and on sums built to lie
// next to a float32 rounding boundary, where rounding twice (to float64,
// then to float32) would go wrong.
func TestFMA32(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	exact := func(x, y, z float32) float32 {
		p := new(big.Float).SetPrec(400).Mul(big.NewFloat(float64(x)).SetPrec(400), big.NewFloat(float64(y)).SetPrec(400))
		p.Add(p, big.NewFloat(float64(z)).SetPrec(400))
		f, _ := p.Float32()
		return f
	}
	rnd := func() float32 {
		return float32(math.Ldexp(r.Float64()*2-1, r.IntN(60)-30))
	}
	check := func(x, y, z float32) {
		if got, want := fma32(x, y, z), exact(x, y, z); math.Float32bits(got) != math.Float32bits(want) {
			t.Fatalf("fma32(%v, %v, %v) = %v (%#x), want %v (%#x)", x, y, z, got, math.Float32bits(got), want, math.Float32bits(want))
		}
	}
	for range 200000 {
		x, y := rnd(), rnd()
		check(x, y, rnd())
		// x·y = ±(U/2)(1 − 2^-46), U the ulp of z (odd): the exact sum lies
		// just inside half an ulp of z, but rounds to float64 as the tie
		// z ± U/2, which float32 would then round away from z.
		z := math.Float32frombits(math.Float32bits(rnd()) | 1)
		_, e := math.Frexp(float64(z))
		x = float32(math.Ldexp(1+0x1p-23, e-25))
		y = 1 - 0x1p-23
		check(x, y, z)
		check(-x, y, z)
		check(x, -y, -z)
		check(x*float32(math.Ldexp(1, -r.IntN(8))), y, z) // and nearby
	}
	check(0, 5, float32(math.Copysign(0, -1)))
	check(float32(math.Copysign(0, -1)), 5, 0)
}
