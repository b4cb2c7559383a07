package golden_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/einetc/einetc/examples/cobahh"
	"github.com/einetc/einetc/internal/simtest"
)

// The tests of examples/cobahh beyond those every case has (sim_test.go):
// the NaN check's report and the generated parameter API.

func newCobahh(t testing.TB) *cobahh.Model {
	m, err := cobahh.New(cobahh.DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// BenchmarkStepNoCheck is BenchmarkStep without the NaN/Inf check, to
// measure what the check costs.
func BenchmarkStepNoCheck(b *testing.B) {
	m := newCobahh(b)
	m.CheckFinite(false)
	simtest.BenchmarkStep(b, m, 1, cobahh.NumNeurons)
}

// TestNaNCheckReports poisons one neuron and checks the report names it.
func TestNaNCheckReports(t *testing.T) {
	m := newCobahh(t)
	m.Step()
	if err := m.Err(); err != nil {
		t.Fatalf("healthy model reports %v", err)
	}
	m.StateArrays()[0].Data[17] = math.NaN() // v of neuron 17
	m.Step()
	err := m.Err()
	if err == nil || !strings.Contains(err.Error(), "population P neuron 17: v is NaN after step 1 (previous v=NaN") {
		t.Fatalf("Err() = %v", err)
	}
}

// TestNaNCheckReportsFirst poisons a gate of neuron 250 (its v turns NaN in
// the step), v of neuron 300 in the same block of 192 and a gate of neuron
// 400 in the next: the report names neuron 250 with its old values,
// although the portable build steps a whole block's states before it
// checks any neuron (runtime.ExpEulerSlice).
func TestNaNCheckReportsFirst(t *testing.T) {
	m := newCobahh(t)
	m.Step()
	var v, p []float64
	for _, a := range m.StateArrays() {
		switch a.Name {
		case "P.v":
			v = a.Data
		case "P.INa_TM1991.p":
			p = a.Data
		}
	}
	if v == nil || p == nil {
		t.Fatal("no P.v or P.INa_TM1991.p among StateArrays")
	}
	p[250] = math.Inf(1)
	v[300] = math.NaN()
	p[400] = math.NaN()
	old := fmt.Sprintf("previous v=%.6g, INa_TM1991.p=+Inf, INa_TM1991.q=", v[250])
	m.Step()
	err := m.Err()
	if err == nil || !strings.Contains(err.Error(), "population P neuron 250: v is NaN after step 1 ("+old) {
		t.Fatalf("Err() = %v, want neuron 250 and %q", err, old)
	}
}

// TestNaNNamesSynapticState poisons a synaptic conductance: v goes NaN in
// the same step, and the report names the conductance, not v (issue 13).
func TestNaNNamesSynapticState(t *testing.T) {
	m := newCobahh(t)
	m.Step()
	for _, a := range m.StateArrays() {
		if a.Name == "Pe.g" {
			a.Data[5] = math.NaN()
		}
	}
	m.Step()
	err := m.Err()
	if err == nil || !strings.Contains(err.Error(), "population P neuron 5: Pe.g is NaN after step 1 (previous v=") ||
		!strings.Contains(err.Error(), "Pe.g=NaN, Pi.g=") {
		t.Fatalf("Err() = %v", err)
	}
}

// TestParamsInUnits sets parameters through the generated API with units,
// checked as einetc run -set checks them (issue 14).
func TestParamsInUnits(t *testing.T) {
	p := cobahh.DefaultParams()
	if err := p.SetQuantity("P.INa_TM1991.g_max", "20 mS/cm2"); err != nil || p.P_INa_TM1991_g_max != 0.2 {
		t.Fatalf("SetQuantity 20 mS/cm2: %v, field %v (want 0.2 nS/um2)", err, p.P_INa_TM1991_g_max)
	}
	for _, tc := range []struct{ name, q, err string }{
		{"P.INa_TM1991.g_max", "20 mV", "P.INa_TM1991.g_max is in mS/cm2 (conductance density), not mV (voltage)"},
		{"P.INa_TM1991.g_max", "-1 mS/cm2", "P.INa_TM1991.g_max = -1 mS/cm2: must be zero or positive (a conductance)"},
		{"Pe.tau", "0 ms", "Pe.tau = 0 ms: must be positive (a time constant)"},
		{"Pe.delay", "-1 ms", "Pe.delay = -1 ms: must be zero or positive (a delay)"},
		{"P.refractory", "-3 ms", "P.refractory = -3 ms: must be zero or positive (a refractory period)"},
		{"P.nope", "1 ms", `unknown parameter "P.nope"`},
	} {
		if err := p.SetQuantity(tc.name, tc.q); err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("SetQuantity(%s, %s) = %v; want %q", tc.name, tc.q, err, tc.err)
		}
	}
	if err := p.Set("Pe.tau", -5); err == nil {
		t.Errorf("Set(Pe.tau, -5) accepted")
	}
	if p.Pe_tau != cobahh.DefaultParams().Pe_tau {
		t.Errorf("a refused Set changed the field: %v", p.Pe_tau)
	}
	// Fields set directly are checked by Validate, which New calls.
	p.Pi_tau, p.P_area = 0, math.NaN()
	err := p.Validate()
	if err == nil || !strings.Contains(err.Error(), "Pi.tau = 0 ms") || !strings.Contains(err.Error(), "P.area = NaN") {
		t.Errorf("Validate() = %v", err)
	}
	if _, err := cobahh.New(p); err == nil {
		t.Errorf("New accepted invalid parameters")
	}
	// A delay whose spike ring cannot fit is refused by New, not by the
	// operating system.
	p = cobahh.DefaultParams()
	p.Pe_delay = 1e9
	if _, err := cobahh.New(p); err == nil || !strings.Contains(err.Error(), "projection Pe: delay 1e+09 ms") || !strings.Contains(err.Error(), "16 GiB limit") {
		t.Errorf("New with delay 1e9 ms: %v", err)
	}
}
