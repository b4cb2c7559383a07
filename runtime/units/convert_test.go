package units

import (
	"math"
	"testing"
)

func TestConvertLiteral(t *testing.T) {
	tests := []struct {
		lit, unit string
		want      float64
	}{
		{"0.1", "ms", 0.1},
		{"100", "mS/cm2", 1},
		{"0.7", "mS/cm2", 0.7e-2},
		{"0.32", "1/s", 0.32e-3},
		{"0.32", "Hz", 0.32e-3},
		{"1", "uF/cm2", 1e-2},
		{"0.3", "uF/cm2", 0.3e-2},
		{"1", "mM", 1},
		{"1", "Hz", 1e-3},
		{"1", "nA", 1e3},
		{"0.1", "nA", 100},
		{"1", "uS", 1e3},
		{"1", "µS", 1e3},
		{"1e-3", "s", 1},
		{"20000", "um2", 20000},
		{"-63", "mV", -63},
		{"-0.065", "V", -65},
		{"36", "mS/cm2", 0.36},
		{"0.0003", "S/cm2", 3e-3},
		{"1", "C", 1e15},
		{"1", "F", 1e12},
		{"1", "mol/L", 1e3},
		{"1", "Mohm", 1e-3},
		{"1", "ohm", 1e-9},
		{"6.3", "degC", 6.3},
		{".5", "ms", 0.5},
		{"5.", "ms", 5},
		{"1E2", "ms", 100},
		{"0", "mS/cm2", 0},
		{"1e-400", "ms", 0},
	}
	for _, tt := range tests {
		got, err := ConvertLiteral(tt.lit, MustParse(tt.unit))
		if err != nil || got != tt.want {
			t.Errorf("ConvertLiteral(%q, %q) = %v, %v; want %v", tt.lit, tt.unit, got, err, tt.want)
		}
	}
}

func TestConvertLiteralErrors(t *testing.T) {
	ms := MustParse("ms")
	tests := []struct {
		lit  string
		unit Unit
		want string
	}{
		{"0x10", ms, `invalid number literal "0x10"`},
		{"1/3", ms, `invalid number literal "1/3"`},
		{"", ms, `invalid number literal ""`},
		{"e5", ms, `invalid number literal "e5"`},
		{"1e", ms, `invalid number literal "1e"`},
		{"1.2.3", ms, `invalid number literal "1.2.3"`},
		{"inf", ms, `invalid number literal "inf"`},
		{"1_000", ms, `invalid number literal "1_000"`},
		{"1e99999", ms, `exponent of number literal "1e99999" is out of range`},
		{"1e308", MustParse("s"), `1e308 s is out of range`},
	}
	for _, tt := range tests {
		_, err := ConvertLiteral(tt.lit, tt.unit)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ConvertLiteral(%q) error = %v, want %s", tt.lit, err, tt.want)
		}
	}
}

// TestCombinedScale checks 100 mS/cm2 * 20000 um2 = 20000 nS and
// 1 uF/cm2 * 20000 um2 = 200 pF, both through the product unit and
// through separately converted factors.
func TestCombinedScale(t *testing.T) {
	area := MustParse("um2")
	tests := []struct {
		lit, unit string
		dim       Dim
		want      float64
	}{
		{"100", "mS/cm2", Conductance, 20000},
		{"1", "uF/cm2", Capacitance, 200},
	}
	for _, tt := range tests {
		u := MustParse(tt.unit)
		prod := u.Mul(area)
		if prod.Dim != tt.dim {
			t.Errorf("%s * um2 has dimension %v, want %v", tt.unit, prod.Dim, tt.dim)
		}
		x, err := ConvertLiteral(tt.lit, u)
		a, err2 := ConvertLiteral("20000", area)
		if err != nil || err2 != nil || x*a != tt.want {
			t.Errorf("%s %s * 20000 um2 = %v (%v, %v), want %v", tt.lit, tt.unit, x*a, err, err2, tt.want)
		}
		if got := prod.ToCanonical(20000 * mustFloat(tt.lit)); got != tt.want {
			t.Errorf("ToCanonical(%s %s*um2) = %v, want %v", tt.lit, prod, got, tt.want)
		}
	}
}

func mustFloat(lit string) float64 {
	f, err := ConvertLiteral(lit, Dimensionless())
	if err != nil {
		panic(err)
	}
	return f
}

func TestToCanonical(t *testing.T) {
	tests := []struct {
		unit string
		x    float64
		want float64
	}{
		{"ms", 0.1, 0.1},
		{"mS/cm2", 100, 1},
		{"mS/cm2", 36, 0.36},
		{"uF/cm2", 1, 0.01},
		{"Hz", 1, 0.001},
		{"nA", 1, 1000},
		{"uS", 1, 1000},
		{"s", 0.001, 1},
		{"mV", -65, -65},
		{"ms", 0, 0},
		{"S", 1e300, math.Inf(1)},
		{"s", math.Inf(-1), math.Inf(-1)},
	}
	for _, tt := range tests {
		if got := MustParse(tt.unit).ToCanonical(tt.x); got != tt.want {
			t.Errorf("ToCanonical(%v %s) = %v, want %v", tt.x, tt.unit, got, tt.want)
		}
	}
	if got := MustParse("s").ToCanonical(math.NaN()); !math.IsNaN(got) {
		t.Errorf("ToCanonical(NaN) = %v", got)
	}
}

func TestFactor(t *testing.T) {
	if got := MustParse("mS/cm2").Factor(); got != 0.01 {
		t.Errorf("Factor = %v", got)
	}
	if got := (Unit{}).Factor(); got != 1 {
		t.Errorf("zero Unit Factor = %v", got)
	}
}
