package units

import (
	"math/big"
	"strings"
	"testing"
)

// rat parses an exact rational for expectations.
func rat(t *testing.T, s string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("bad rational %q", s)
	}
	return r
}

func TestParseScaleAndDim(t *testing.T) {
	tests := []struct {
		in    string
		dim   Dim
		scale string
		text  string
	}{
		{"ms", Time, "1", "ms"},
		{"s", Time, "1000", "s"},
		{"us", Time, "1/1000", "us"},
		{"mV", Voltage, "1", "mV"},
		{"V", Voltage, "1000", "V"},
		{"pA", Current, "1", "pA"},
		{"nA", Current, "1000", "nA"},
		{"A", Current, "1e12", "A"},
		{"nS", Conductance, "1", "nS"},
		{"uS", Conductance, "1000", "uS"},
		{"µS", Conductance, "1000", "uS"},
		{"μS", Conductance, "1000", "uS"},
		{"mS", Conductance, "1e6", "mS"},
		{"S", Conductance, "1e9", "S"},
		{"pF", Capacitance, "1", "pF"},
		{"F", Capacitance, "1e12", "F"},
		{"fC", Charge, "1", "fC"},
		{"C", Charge, "1e15", "C"},
		{"J", Charge.Mul(Voltage), "1e18", "J"},
		{"J/mol/degC", Charge.Mul(Voltage).Div(Amount).Div(Temperature), "1", "J/mol/degC"},
		{"ohm", Resistance, "1e-9", "ohm"},
		{"Mohm", Resistance, "1/1000", "Mohm"},
		{"MΩ", Resistance, "1/1000", "Mohm"},
		{"Gohm", Resistance, "1", "Gohm"},
		{"Hz", Time.Pow(-1), "1/1000", "Hz"},
		{"kHz", Time.Pow(-1), "1", "kHz"},
		{"1/ms", Time.Pow(-1), "1", "1/ms"},
		{"/ms", Time.Pow(-1), "1", "1/ms"},
		{"um", Length, "1", "um"},
		{"mm", Length, "1000", "mm"},
		{"cm", Length, "1e4", "cm"},
		{"m", Length, "1e6", "m"},
		{"um2", Length.Pow(2), "1", "um2"},
		{"µm2", Length.Pow(2), "1", "um2"},
		{"cm2", Length.Pow(2), "1e8", "cm2"},
		{"cm^2", Length.Pow(2), "1e8", "cm2"},
		{"cm**2", Length.Pow(2), "1e8", "cm2"},
		{"m^2", Length.Pow(2), "1e12", "m2"},
		{"cm^-2", Length.Pow(-2), "1e-8", "1/cm2"},
		{"cm-2", Length.Pow(-2), "1e-8", "1/cm2"},
		{"um3", Length.Pow(3), "1", "um3"},
		{"L", Length.Pow(3), "1e15", "L"},
		{"mM", Concentration, "1", "mM"},
		{"M", Concentration, "1000", "M"},
		{"uM", Concentration, "1/1000", "uM"},
		{"mol/L", Concentration, "1000", "mol/L"},
		{"mmol", Amount, "1e15", "mmol"},
		{"mol", Amount, "1e18", "mol"},
		{"degC", Temperature, "1", "degC"},
		{"mS/cm2", Conductance.Div(Length.Pow(2)), "1/100", "mS/cm2"},
		{"S/cm2", Conductance.Div(Length.Pow(2)), "10", "S/cm2"},
		{"uF/cm2", Capacitance.Div(Length.Pow(2)), "1/100", "uF/cm2"},
		{"mA/cm2", Current.Div(Length.Pow(2)), "10", "mA/cm2"},
		{" mS / cm2 ", Conductance.Div(Length.Pow(2)), "1/100", "mS/cm2"},
		{"mV.ms", Voltage.Mul(Time), "1", "mV*ms"},
		{"mV*mV", Voltage.Pow(2), "1", "mV^2"},
		{"ms/ms", Dim{}, "1", ""},
		{"mm/m", Dim{}, "1/1000", "mm/m"},
		{"1", Dim{}, "1", ""},
		{"", Dim{}, "1", ""},
	}
	for _, tt := range tests {
		u, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if u.Dim != tt.dim || u.Scale.Cmp(rat(t, tt.scale)) != 0 || u.Text != tt.text {
			t.Errorf("Parse(%q) = {%v %s %q}, want {%v %s %q}", tt.in,
				u.Dim, u.Scale.RatString(), u.Text, tt.dim, tt.scale, tt.text)
		}
	}
}

func TestParseEquivalences(t *testing.T) {
	same := [][2]string{
		{"cm^-2", "/cm2"}, {"cm^-2", "1/cm2"}, {"cm^-2", "cm-2"}, {"mM", "mmol/L"},
		{"µm2", "um2"}, {"μm2", "um^2"}, {"nS/um2", "pA/mV/um2"}, {"mS/cm2", "mS*cm^-2"}, {"S/m2", "uS/mm2"},
		{"kHz", "1/ms"}, {"S", "A/V"}, {"F", "A*s/V"}, {"C", "A*s"}, {"J", "V*C"}, {"ohm", "V/A"},
		{"Hz", "/s"}, {"M", "mol/L"}, {"L", "dm3"}, {"mV/ms", "V/s"},
	}
	for _, p := range same {
		a, errA := Parse(p[0])
		b, errB := Parse(p[1])
		if errA != nil || errB != nil {
			t.Errorf("Parse(%q), Parse(%q): %v, %v", p[0], p[1], errA, errB)
			continue
		}
		if !a.Equal(b) {
			t.Errorf("%q = %v×%s, %q = %v×%s; want equal", p[0], a.Dim, a.Scale, p[1], b.Dim, b.Scale)
		}
	}
	differ := [][2]string{{"mS", "ms"}, {"mM", "mm"}, {"M", "m"}, {"Ms", "ms"}, {"mS/cm2", "nS/um2"}}
	for _, p := range differ {
		if MustParse(p[0]).Equal(MustParse(p[1])) {
			t.Errorf("%q and %q parse to the same unit", p[0], p[1])
		}
	}
	if MustParse("mS").Dim == MustParse("ms").Dim {
		t.Errorf("mS and ms have the same dimension")
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"mSS", `unknown unit "mSS"`},
		{"xyz/cm2", `unknown unit "xyz" in "xyz/cm2"`},
		{"K", `unknown unit "K"`},
		{"kdegC", `unknown unit "kdegC"`},
		{"10", `unknown unit "10"`},
		{"2/ms", `unknown unit "2" in "2/ms"`},
		{"mS//cm2", `unexpected '/' in "mS//cm2"`},
		{"(mS)", `unexpected '(' in "(mS)"`},
		{"mS/", `missing unit in "mS/"`},
		{"/", `missing unit in "/"`},
		{"cm^", `invalid exponent "" in "cm^"`},
		{"cm^x", `invalid exponent "" in "cm^x"`},
		{"cm-", `invalid exponent "-" in "cm-"`},
		{"m^200", `exponent out of range in "m^200"`},
		{"L^50", `exponent out of range in "L^50"`},
		{"m^100/mm^100*m^100/mm^100*m^54", `exponent out of range in "m^100/mm^100*m^100/mm^100*m^54"`},
		{"1^2", `unexpected '^' in "1^2"`},
		{"cm2x", `unexpected 'x' in "cm2x"`},
		{"mS cm2", `unknown unit "mScm" in "mS cm2"`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q) error = %v, want %s", tt.in, err, tt.want)
		}
	}
}

func TestDimAlgebra(t *testing.T) {
	if got := Current.Div(Voltage); got != (Dim{0, -1, 1, 0, 0, 0}) {
		t.Errorf("Current/Voltage = %v", got)
	}
	if got := Conductance.Mul(Voltage); got != Current {
		t.Errorf("Conductance*Voltage = %v, want Current", got)
	}
	if got := Length.Pow(-3).Mul(Amount); got != Concentration {
		t.Errorf("Amount/Length^3 = %v, want Concentration", got)
	}
	if got := Capacitance.Div(Time); got != Conductance {
		t.Errorf("Capacitance/Time = %v, want Conductance", got)
	}
	if got := Voltage.Pow(0); !got.IsDimensionless() {
		t.Errorf("Voltage^0 = %v, want dimensionless", got)
	}
	if Voltage.IsDimensionless() || !(Dim{}).IsDimensionless() {
		t.Errorf("IsDimensionless wrong")
	}
	if got := Resistance.Mul(Conductance); !got.IsDimensionless() {
		t.Errorf("Resistance*Conductance = %v", got)
	}
}

func TestDimStringKind(t *testing.T) {
	perArea := Length.Pow(-2)
	tests := []struct {
		d         Dim
		str, kind string
	}{
		{Dim{}, "1", "dimensionless"},
		{Time, "ms", "time"},
		{Time.Pow(-1), "1/ms", "frequency"},
		{Voltage, "mV", "voltage"},
		{Current, "pA", "current"},
		{Length, "um", "length"},
		{Length.Pow(2), "um2", "area"},
		{Length.Pow(3), "um3", "volume"},
		{Temperature, "degC", "temperature"},
		{Amount, "amol", "amount"},
		{Conductance, "nS", "conductance"},
		{Capacitance, "pF", "capacitance"},
		{Charge, "fC", "charge"},
		{Resistance, "Gohm", "resistance"},
		{Concentration, "mM", "concentration"},
		{Conductance.Mul(perArea), "nS/um2", "conductance density"},
		{Current.Mul(perArea), "pA/um2", "current density"},
		{Capacitance.Mul(perArea), "pF/um2", "capacitance density"},
		{Voltage.Div(Time), "mV/ms", "voltage rate"},
		{Concentration.Div(Time), "mM/ms", "concentration rate"},
		{Voltage.Mul(Time).Mul(perArea), "mV*ms/um2", ""},
		{Charge.Mul(perArea), "fC/um2", "charge density"},
		{Conductance.Div(Time), "nS/ms", ""},
		{Amount.Mul(perArea), "amol/um2", ""},
		{Voltage.Pow(2), "mV^2", ""},
		{Voltage.Pow(-1), "1/mV", ""},
		{Time.Pow(-2), "1/ms^2", ""},
		{perArea, "1/um2", ""},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.str {
			t.Errorf("%v.String() = %q, want %q", [6]int8(tt.d), got, tt.str)
		}
		if got := tt.d.Kind(); got != tt.kind {
			t.Errorf("%v.Kind() = %q, want %q", tt.d, got, tt.kind)
		}
	}
}

// TestDimStringParses checks that the canonical spelling of many
// dimensions parses back to the canonical unit.
func TestDimStringParses(t *testing.T) {
	for i := range 3 * 3 * 3 * 5 * 3 * 3 {
		n := i
		var d Dim
		for j, r := range []int{3, 3, 3, 5, 3, 3} {
			d[j] = int8(n%r - r/2)
			n /= r
		}
		u, err := Parse(d.String())
		if err != nil || !u.Equal(Canonical(d)) {
			t.Errorf("Parse(%q) = %v×%v, %v; want %v×1", d.String(), u.Dim, u.Scale, err, d)
		}
	}
}

func TestUnitStringDescribe(t *testing.T) {
	tests := []struct {
		u         Unit
		str, desc string
	}{
		{MustParse("mS/cm2"), "mS/cm2", "mS/cm2 (conductance density)"},
		{Canonical(Conductance.Div(Length.Pow(2))), "nS/um2", "nS/um2 (conductance density)"},
		{Dimensionless(), "1", "1 (dimensionless)"},
		{MustParse("1"), "1", "1 (dimensionless)"},
		{MustParse("mV"), "mV", "mV (voltage)"},
		{MustParse("nA"), "nA", "nA (current)"},
		{MustParse("uF/cm2"), "uF/cm2", "uF/cm2 (capacitance density)"},
		{MustParse("Hz"), "Hz", "Hz (frequency)"},
		{MustParse("mV*ms/cm2"), "mV*ms/cm2", "mV*ms/cm2"},
		{Unit{}, "1", "1 (dimensionless)"},
		{Unit{Dim: Time, Scale: big.NewRat(1000, 1)}, "1000×ms", "1000×ms (time)"},
	}
	for _, tt := range tests {
		if got := tt.u.String(); got != tt.str {
			t.Errorf("String() = %q, want %q", got, tt.str)
		}
		if got := tt.u.Describe(); got != tt.desc {
			t.Errorf("Describe() = %q, want %q", got, tt.desc)
		}
	}
}

func TestUnitAlgebra(t *testing.T) {
	tests := []struct {
		got        Unit
		dim        Dim
		scale, str string
	}{
		{MustParse("mS/cm2").Mul(MustParse("um2")), Conductance, "1/100", "mS*um2/cm2"},
		{MustParse("uF/cm2").Mul(MustParse("um2")), Capacitance, "1/100", "uF*um2/cm2"},
		{MustParse("mS/cm2").Mul(MustParse("mV")), Current.Div(Length.Pow(2)), "1/100", "mS*mV/cm2"},
		{MustParse("mV").Div(MustParse("ms")), Voltage.Div(Time), "1", "mV/ms"},
		{MustParse("mS/cm2").Div(MustParse("um2*ms")), Dim{-1, -1, 1, -4}, "1/100", "mS/cm2/um2/ms"},
		{MustParse("cm").Pow(2), Length.Pow(2), "1e8", "cm2"},
		{MustParse("mS/cm2").Pow(-2), Conductance.Div(Length.Pow(2)).Pow(-2), "1e4", "cm4/mS^2"},
		{MustParse("ms").Pow(0), Dim{}, "1", "1"},
		{MustParse("ms").Div(MustParse("ms")), Dim{}, "1", "1"},
		{Canonical(Conductance).Mul(MustParse("mV")), Current, "1", "nS*mV"},
		{Dimensionless().Div(MustParse("s")), Time.Pow(-1), "1/1000", "1/s"},
		{Unit{Dim: Time, Scale: big.NewRat(2, 1), Text: "bogus"}.Mul(MustParse("ms")), Time.Pow(2), "2", "2×ms^2"},
	}
	for i, tt := range tests {
		if tt.got.Dim != tt.dim || tt.got.Scale.Cmp(rat(t, tt.scale)) != 0 || tt.got.String() != tt.str {
			t.Errorf("%d: got {%v %s %q}, want {%v %s %q}", i, tt.got.Dim,
				tt.got.Scale.RatString(), tt.got.String(), tt.dim, tt.scale, tt.str)
		}
	}
}

func TestScalesNotShared(t *testing.T) {
	a := MustParse("mS")
	a.Scale.SetInt64(7)
	if b := MustParse("mS"); b.Scale.Cmp(big.NewRat(1e6, 1)) != 0 {
		t.Fatalf("mutating a parsed scale changed later parses: %s", b.Scale)
	}
}

func TestKelvinUnsupported(t *testing.T) {
	if _, err := Parse("K"); err == nil || !strings.Contains(err.Error(), "unknown unit") {
		t.Errorf("K should be rejected, got %v", err)
	}
}
