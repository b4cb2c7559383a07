package runtime

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestExpAccuracy compares Exp with math.Exp over its whole finite range and
// the reduced interval, and requires at most 2 ulp.
func TestExpAccuracy(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	worst := 0.0
	check := func(x float64) {
		got, want := Exp(x), math.Exp(x)
		if x > 700 { // math.Exp on amd64 overflows early, from about 709.6
			want = math.Exp(x-20) * math.Exp(20)
		}
		if want == 0 || math.IsInf(want, 0) {
			if got != want {
				t.Fatalf("Exp(%v) = %v, want %v", x, got, want)
			}
			return
		}
		if want < 0x1p-1022 { // subnormal results: absolute comparison
			if math.Abs(got-want) > 4*0x1p-1074 {
				t.Fatalf("Exp(%v) = %v, want %v", x, got, want)
			}
			return
		}
		u := ulps(got, want)
		worst = max(worst, u)
		if (x <= 700 && u > 2) || u > 3 {
			t.Fatalf("Exp(%v) = %v, want %v (%.2f ulp)", x, got, want, u)
		}
	}
	for range 500000 {
		check(r.Float64()*1460 - 745)
		check((r.Float64() - 0.5) * 2 * halfL2)
		check((r.Float64() - 0.5) * 60)
	}
	for _, x := range []float64{0, -0.0, 1, -1, maxExp - 1e-12, minExp + 1e-9, 709.7, -708, -740, 1e-300, -1e-300, halfL2, -halfL2} {
		check(x)
	}
	t.Logf("worst error %.2f ulp", worst)
}

func TestExpSpecial(t *testing.T) {
	if !math.IsNaN(Exp(math.NaN())) || !math.IsInf(Exp(math.Inf(1)), 1) || Exp(math.Inf(-1)) != 0 || Exp(800) != math.Inf(1) || Exp(-800) != 0 || Exp(0) != 1 {
		t.Error("special cases")
	}
}

// TestExpm1Accuracy compares Expm1 with math.Expm1: at most 4 ulp (the
// worst case is just above ln2/2, where 2·(e^r−1) + 1 cancels a little).
func TestExpm1Accuracy(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	worst := 0.0
	for range 500000 {
		for _, x := range []float64{(r.Float64() - 0.5) * 2, (r.Float64() - 0.5) * 1e-6, r.Float64()*700 - 350} {
			got, want := Expm1(x), math.Expm1(x)
			u := ulps(got, want)
			worst = max(worst, u)
			if u > 4 {
				t.Fatalf("Expm1(%v) = %v, want %v (%.2f ulp)", x, got, want, u)
			}
		}
	}
	t.Logf("worst error %.2f ulp", worst)
}

func TestFastMathNoAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under -race")
	}
	x := 0.3
	if a := testing.AllocsPerRun(100, func() { x = Exp(x) + Expm1(-x) + Exprel(x) - 2 }); a != 0 {
		t.Errorf("%v allocations", a)
	}
}

func BenchmarkExp(b *testing.B) {
	x, s := 0.0, 0.0
	for b.Loop() {
		s += Exp(x)
		x += 1e-3
		if x > 5 {
			x = -5
		}
	}
	_ = s
}

func BenchmarkMathExp(b *testing.B) {
	x, s := 0.0, 0.0
	for b.Loop() {
		s += math.Exp(x)
		x += 1e-3
		if x > 5 {
			x = -5
		}
	}
	_ = s
}
