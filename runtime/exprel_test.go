package runtime

import (
	"math"
	"math/big"
	"testing"
)

// exprelRef returns (e^x − 1)/x = Σ x^n/(n+1)! to 200 bits.
func exprelRef(x float64) float64 {
	const prec = 200
	bx := new(big.Float).SetPrec(prec).SetFloat64(x)
	sum := new(big.Float).SetPrec(prec).SetInt64(1)
	term := new(big.Float).SetPrec(prec).SetInt64(1)
	for n := 1; n < 400; n++ {
		term.Mul(term, bx)
		term.Quo(term, new(big.Float).SetPrec(prec).SetInt64(int64(n+1)))
		sum.Add(sum, term)
	}
	f, _ := sum.Float64()
	return f
}

// ulps returns the distance from got to want in units of the last place
// of want.
func ulps(got, want float64) float64 {
	return math.Abs(got-want) / (math.Nextafter(math.Abs(want), math.Inf(1)) - math.Abs(want))
}

func TestExprelAccuracy(t *testing.T) {
	xs := []float64{1e-300, -1e-300, 5e-324, 1e-17, 1e-16, -1e-16, 1e-10, -1e-10, 1e-8, 1e-5, -1e-5,
		1e-3, 0.1, -0.1, 0.5, -0.5, 1, -1, 2.5, -2.5, 10, -10, 30, -30, 50}
	for k := 0; k < 200; k++ { // a sweep of [-40, 40]
		xs = append(xs, -40+0.4*float64(k)+0.0137)
	}
	worst := 0.0
	for _, x := range xs {
		got, want := Exprel(x), exprelRef(x)
		if u := ulps(got, want); u > 2 {
			t.Errorf("Exprel(%v) = %v, want %v (%.2f ulp)", x, got, want, u)
		} else {
			worst = max(worst, u)
		}
	}
	t.Logf("worst error %.2f ulp", worst)
}

func TestExprelSpecial(t *testing.T) {
	tests := []struct{ x, want float64 }{
		{0, 1},
		{math.Copysign(0, -1), 1},
		{1e-20, 1},
		{1, math.E - 1},
		{-1, 1 - 1/math.E},
		{math.Inf(-1), 0},
		{800, math.Inf(1)},
	}
	for _, tt := range tests {
		if got := Exprel(tt.x); got != tt.want && ulps(got, tt.want) > 2 {
			t.Errorf("Exprel(%v) = %v, want %v", tt.x, got, tt.want)
		}
	}
	if got := Exprel(math.NaN()); !math.IsNaN(got) {
		t.Errorf("Exprel(NaN) = %v, want NaN", got)
	}
	// The naive formula loses all digits here; Exprel must not.
	if got, naive := Exprel(1e-12), (math.Exp(1e-12)-1)/1e-12; got == naive || math.Abs(got-1) > 1e-12 {
		t.Errorf("Exprel(1e-12) = %v (naive %v)", got, naive)
	}
}

func TestExprelNoAllocs(t *testing.T) {
	var sink float64
	wantNoAllocs(t, "Exprel", func() { sink += Exprel(0.3) })
	_ = sink
}

func BenchmarkExprel(b *testing.B) {
	b.ReportAllocs()
	var sink float64
	x := -3.0
	for b.Loop() {
		sink += Exprel(x)
		x += 1e-6
	}
	_ = sink
}
