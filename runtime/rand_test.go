package runtime

import (
	"math"
	"testing"
)

// TestSplitMix64Reference checks mix64 and the counter against the
// published output of splitmix64.c (Vigna) seeded with 0.
func TestSplitMix64Reference(t *testing.T) {
	var s Stream // key 0 is splitmix64's state 0
	want := []uint64{0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f, 0xf88bb8a8724c81ec}
	for i, w := range want {
		if got := s.Uint64(); got != w {
			t.Errorf("value %d = %#016x, want %#016x", i, got, w)
		}
	}
}

// TestKeyGolden pins the generator: any change to the key derivation or
// the stream breaks reproducibility of every stored simulation, and must
// show up here.
func TestKeyGolden(t *testing.T) {
	s := Key(42, 1, 2, 3)
	want := []uint64{0xf569caa87a2450db, 0x0e27aa11447d8b33, 0x503a13b834d001af, 0x6632c07e38a2dbd6}
	for i, w := range want {
		if got := s.Uint64(); got != w {
			t.Errorf("Key(42, 1, 2, 3) value %d = %#016x, want %#016x", i, got, w)
		}
	}
	s = Key(42, 1, 2, 3)
	if got, want := s.Float64(), 0.9586455022164426; got != want {
		t.Errorf("Float64 = %v, want %v", got, want)
	}
	if got, want := s.Intn(1000), 55; got != want {
		t.Errorf("Intn(1000) = %v, want %v", got, want)
	}
	if got, want := s.Normal(), -1.227978519014674; got != want {
		t.Errorf("Normal = %v, want %v", got, want)
	}
	if got, want := Uniform(0, 0, 0, 0), 0.2540085404722837; got != want {
		t.Errorf("Uniform(0, 0, 0, 0) = %v, want %v", got, want)
	}
}

func TestNewStreamMatchesKey(t *testing.T) {
	a, b := Key(7, 100, 3, 0), newStream(7, 100, 3, 0)
	for i := 0; i < 10; i++ {
		if x, y := a.Uint64(), b.Uint64(); x != y {
			t.Fatalf("value %d: Key %#x, newStream %#x", i, x, y)
		}
	}
	// A different number of ids is a different stream.
	c, d := newStream(7, 100, 3), newStream(7, 100, 3, 0)
	if c.Uint64() == d.Uint64() {
		t.Error("newStream(7, 100, 3) and newStream(7, 100, 3, 0) agree")
	}
}

func TestUniformIsFirstFloat(t *testing.T) {
	for i := uint64(0); i < 100; i++ {
		s := Key(5, 9, i, i*i)
		if u, f := Uniform(5, 9, i, i*i), s.Float64(); u != f {
			t.Fatalf("i=%d: Uniform %v, Key(…).Float64() %v", i, u, f)
		}
	}
}

func TestRandomAccess(t *testing.T) {
	s := Key(1, 2, 3, 4)
	r := s // a copy at position 0
	s.Uint64()
	s.Uint64() // Uint64At ignores the position
	for i := uint64(0); i < 50; i++ {
		a := r.Uint64At(i)
		b := s.Uint64At(i)
		f := s.float64At(i)
		if got := r.Uint64(); got != a || got != b {
			t.Fatalf("value %d: Uint64 %#x, Uint64At %#x and %#x", i, got, a, b)
		}
		if want := toFloat(a); f != want {
			t.Fatalf("float64At(%d) = %v, want %v", i, f, want)
		}
	}
}

// TestStreamsDiffer checks that every id, and the seed, changes the
// stream, including ids that differ in one low bit.
func TestStreamsDiffer(t *testing.T) {
	base := [4]uint64{42, 1, 2, 3}
	first := func(k [4]uint64) [4]uint64 {
		s := Key(k[0], k[1], k[2], k[3])
		return [4]uint64{s.Uint64(), s.Uint64(), s.Uint64(), s.Uint64()}
	}
	want := first(base)
	for pos := range base {
		for _, delta := range []uint64{1, 2, 1 << 32, 1 << 63} {
			k := base
			k[pos] ^= delta
			got := first(k)
			for i := range got {
				if got[i] == want[i] {
					t.Errorf("key %v: value %d equals that of %v", k, i, base)
				}
			}
		}
	}
}

// TestStreamIndependence checks that neighbouring streams (neuron i and
// i+1 of one purpose) are uncorrelated: the sample correlation of their
// uniforms over 10^5 neurons is within 5 standard errors of 0, as is
// the correlation of consecutive values within a stream.
func TestStreamIndependence(t *testing.T) {
	const n = 100000
	var sxy, sxx, syy, sx, sy, serial float64
	for i := 0; i < n; i++ {
		a, b := Key(3, 8, uint64(i), 0), Key(3, 8, uint64(i+1), 0)
		x, y := a.Float64()-0.5, b.Float64()-0.5
		sxy += x * y
		sxx += x * x
		syy += y * y
		sx += x
		sy += y
		serial += x * (a.Float64() - 0.5) // a's first and second values
	}
	r := (sxy - sx*sy/n) / math.Sqrt((sxx-sx*sx/n)*(syy-sy*sy/n))
	if limit := 5 / math.Sqrt(n); math.Abs(r) > limit {
		t.Errorf("correlation of neighbouring streams %v, want |r| < %v", r, limit)
	}
	if rl := serial / (n / 12.0); math.Abs(rl) > 5/math.Sqrt(n) {
		t.Errorf("serial correlation %v", rl)
	}
}

// moments returns the mean and variance of n draws of f.
func moments(n int, f func() float64) (mean, variance float64) {
	var s, s2 float64
	for i := 0; i < n; i++ {
		x := f()
		s += x
		s2 += x * x
	}
	mean = s / float64(n)
	return mean, s2/float64(n) - mean*mean
}

func TestFloat64Moments(t *testing.T) {
	const n = 1000000
	s := Key(11, 0, 0, 0)
	lo, hi := 1.0, 0.0
	mean, v := moments(n, func() float64 {
		x := s.Float64()
		lo, hi = min(lo, x), max(hi, x)
		return x
	})
	// Mean 1/2 with standard error sqrt(1/12/n); variance 1/12 with
	// standard error sqrt(1/180/n).
	if math.Abs(mean-0.5) > 5*math.Sqrt(1.0/12/n) {
		t.Errorf("mean %v, want 0.5", mean)
	}
	if math.Abs(v-1.0/12) > 5*math.Sqrt(1.0/180/n) {
		t.Errorf("variance %v, want 1/12", v)
	}
	if lo < 0 || hi >= 1 || lo > 1e-4 || hi < 1-1e-4 {
		t.Errorf("range [%v, %v], want within and close to [0, 1)", lo, hi)
	}
}

func TestUniformMoments(t *testing.T) {
	const n = 1000000
	step := uint64(0)
	mean, v := moments(n, func() float64 {
		step++
		return Uniform(1, 2, step%1000, step/1000)
	})
	if math.Abs(mean-0.5) > 5*math.Sqrt(1.0/12/n) || math.Abs(v-1.0/12) > 5*math.Sqrt(1.0/180/n) {
		t.Errorf("mean %v, variance %v; want 0.5, 1/12", mean, v)
	}
}

func TestNormalMoments(t *testing.T) {
	const n = 1000000
	s := Key(12, 0, 0, 0)
	var s3, s4 float64
	mean, v := moments(n, func() float64 {
		x := s.Normal()
		s3 += x * x * x
		s4 += x * x * x * x
		return x
	})
	// Standard errors: mean 1/sqrt(n), variance sqrt(2/n), skewness
	// sqrt(6/n), kurtosis sqrt(24/n) (later two loosely as raw moments).
	if math.Abs(mean) > 5/math.Sqrt(n) {
		t.Errorf("mean %v, want 0", mean)
	}
	if math.Abs(v-1) > 5*math.Sqrt(2.0/n) {
		t.Errorf("variance %v, want 1", v)
	}
	if m3 := s3 / n; math.Abs(m3) > 5*math.Sqrt(15.0/n) {
		t.Errorf("third moment %v, want 0", m3)
	}
	if m4 := s4 / n; math.Abs(m4-3) > 5*math.Sqrt(96.0/n) {
		t.Errorf("fourth moment %v, want 3", m4)
	}
	// Each call consumes exactly two values.
	a, b := Key(12, 1, 0, 0), Key(12, 1, 0, 0)
	a.Normal()
	b.Uint64()
	b.Uint64()
	if a.Uint64() != b.Uint64() {
		t.Error("Normal does not consume exactly two values")
	}
}

// TestIntnUnbiased draws Intn(n) for small n and checks the counts with a
// chi-square statistic: its mean is n-1 and standard deviation
// sqrt(2(n-1)), so a bound of mean + 6 sd fails only for a real bias.
func TestIntnUnbiased(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7, 10, 100} {
		const draws = 200000
		s := Key(13, uint64(n), 0, 0)
		counts := make([]int, n)
		for i := 0; i < draws; i++ {
			x := s.Intn(n)
			if x < 0 || x >= n {
				t.Fatalf("Intn(%d) = %d", n, x)
			}
			counts[x]++
		}
		exp := float64(draws) / float64(n)
		chi2 := 0.0
		for _, c := range counts {
			chi2 += (float64(c) - exp) * (float64(c) - exp) / exp
		}
		df := float64(n - 1)
		if limit := df + 6*math.Sqrt(2*df); chi2 > limit {
			t.Errorf("Intn(%d): chi-square %.1f > %.1f; counts %v", n, chi2, limit, counts)
		}
	}
}

// TestIntnLarge checks the rejection path with a bound of 1.5·2^62, for
// which a biased reduction puts 3/8 rather than 1/3 of the draws below
// 2^61.
func TestIntnLarge(t *testing.T) {
	n := 3 << 61 // 1.5·2^62
	s := Key(14, 0, 0, 0)
	below := 0
	const draws = 30000
	for i := 0; i < draws; i++ {
		x := s.Intn(n)
		if x < 0 || x >= n {
			t.Fatalf("Intn(%d) = %d", n, x)
		}
		if x < 1<<61 {
			below++
		}
	}
	// Want 1/3 below 2^61; x mod n would give 3/8 (7 standard errors off).
	if f := float64(below) / draws; math.Abs(f-1.0/3) > 0.02 {
		t.Errorf("fraction below 2^61 = %v, want 1/3", f)
	}
}

func TestIntnPanics(t *testing.T) {
	for _, n := range []int{0, -1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Intn(%d) did not panic", n)
				}
			}()
			s := Key(0, 0, 0, 0)
			s.Intn(n)
		}()
	}
}

func TestRandNoAllocs(t *testing.T) {
	var sink float64
	var isink int
	var usink uint64
	s := Key(1, 2, 3, 4)
	wantNoAllocs(t, "Key", func() { s = Key(1, 2, 3, 4) })
	wantNoAllocs(t, "newStream", func() { s = newStream(1, 2, 3, 4, 5) })
	wantNoAllocs(t, "Uint64", func() { usink += s.Uint64() })
	wantNoAllocs(t, "Uint64At", func() { usink += s.Uint64At(9) })
	wantNoAllocs(t, "Float64", func() { sink += s.Float64() })
	wantNoAllocs(t, "float64At", func() { sink += s.float64At(9) })
	wantNoAllocs(t, "Intn", func() { isink += s.Intn(17) })
	wantNoAllocs(t, "Normal", func() { sink += s.Normal() })
	wantNoAllocs(t, "Uniform", func() { sink += Uniform(1, 2, 3, 4) })
	_, _, _ = sink, isink, usink
}

func BenchmarkUniform(b *testing.B) {
	b.ReportAllocs()
	var sink float64
	for i := 0; b.Loop(); i++ {
		sink += Uniform(1, 2, uint64(i), 7)
	}
	_ = sink
}

func BenchmarkFloat64At(b *testing.B) {
	b.ReportAllocs()
	s := Key(1, 2, 3, 0)
	var sink float64
	for i := 0; b.Loop(); i++ {
		sink += s.float64At(uint64(i))
	}
	_ = sink
}

func BenchmarkNormal(b *testing.B) {
	b.ReportAllocs()
	s := Key(1, 2, 3, 0)
	var sink float64
	for b.Loop() {
		sink += s.Normal()
	}
	_ = sink
}
