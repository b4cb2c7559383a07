package runtime

import (
	"math"
	"strings"
	"testing"
)

func gmax() ParamSpec {
	return ParamSpec{Name: "N.IA.g_max", Unit: "mS/cm2", Internal: "nS/um2", Scale: 0.01,
		Min: 0, Max: math.Inf(1), Rule: "a conductance"}
}

func TestParamSpecParse(t *testing.T) {
	s := gmax()
	for _, tc := range []struct {
		in   string
		want float64
		err  string
	}{
		{"20 mS/cm2", 0.2, ""},
		{"20 (mS/cm2)", 0.2, ""},
		{" 2e1mS/cm2 ", 0.2, ""},
		{"0.2 nS/um2", 0.2, ""},
		{"20 mV", 0, "N.IA.g_max is in mS/cm2 (conductance density), not mV (voltage)"},
		{"20", 0, "N.IA.g_max is in mS/cm2 (conductance density), not 1 (dimensionless)"},
		{"-20 mS/cm2", 0, "N.IA.g_max = -20 mS/cm2: must be zero or positive (a conductance)"},
		{"1e99999 mS/cm2", 0, "out of range"},
		{"mS/cm2", 0, "want a number with a unit"},
		{"20 (mS/cm2", 0, "want a number with a unit"},
		{"20 kg", 0, "kg"},
	} {
		got, err := s.Parse(tc.in)
		switch {
		case tc.err == "" && (err != nil || math.Abs(got-tc.want) > 1e-15):
			t.Errorf("Parse(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("Parse(%q) error = %v; want one containing %q", tc.in, err, tc.err)
		}
	}
}

func TestParamSpecCheck(t *testing.T) {
	tau := ParamSpec{Name: "Pe.tau", Unit: "ms", Internal: "ms", Scale: 1, Min: 0, MinOpen: true, Max: math.Inf(1), Rule: "a time constant"}
	p := ParamSpec{Name: "p", Unit: "1", Internal: "1", Scale: 1, Min: 0, Max: 1}
	for _, tc := range []struct {
		s   ParamSpec
		v   float64
		err string
	}{
		{tau, 5, ""},
		{tau, 0, "Pe.tau = 0 ms: must be positive (a time constant)"},
		{tau, -5, "Pe.tau = -5 ms: must be positive (a time constant)"},
		{tau, math.NaN(), "Pe.tau = NaN: not a finite number"},
		{tau, math.Inf(1), "Pe.tau = +Inf: not a finite number"},
		{p, 1, ""},
		{p, 0, ""},
		{p, 1.5, "p = 1.5: must be in [0, 1]"},
	} {
		err := tc.s.Check(tc.v)
		if (err == nil) != (tc.err == "") || (err != nil && err.Error() != tc.err) {
			t.Errorf("%s.Check(%v) = %v; want %q", tc.s.Name, tc.v, err, tc.err)
		}
	}
}

func TestDelaySteps(t *testing.T) {
	if n, err := DelaySteps(1.04, 0.1, 2); n != 10 || err != nil {
		t.Errorf("DelaySteps(1.04, 0.1) = %d, %v; want 10", n, err)
	}
	if _, err := DelaySteps(1e9, 0.1, 100); err == nil || !strings.Contains(err.Error(), "more than the 16 GiB limit") {
		t.Errorf("DelaySteps(1e9 ms) = %v; want the memory limit", err)
	}
	if _, err := DelaySteps(-1, 0.1, 100); err == nil {
		t.Errorf("DelaySteps(-1 ms) accepted")
	}
	if _, err := DelaySteps(math.NaN(), 0.1, 100); err == nil {
		t.Errorf("DelaySteps(NaN) accepted")
	}
}
