package golden_test

import (
	"math"
	"testing"

	"github.com/einetc/einetc/golden/reset"
)

// TestResetRefractory checks reset, REFRACTORY and ON_SPIKE against their
// rules (docs/language.md R15) step by step: a spike in step k resets v at
// the end of step k; a frozen v keeps the reset value, a clamped v takes
// its clamp value, in steps k+1 … k+R−1 (R = round(refractory/dt)); the
// state integrates again from step k+R; and ON_SPIKE adds b to w once per
// spike, after the step's decay.
func TestResetRefractory(t *testing.T) {
	p := reset.DefaultParams()
	m, err := reset.New(p)
	if err != nil {
		t.Fatal(err)
	}
	steps := int(math.Round(reset.DefaultDuration / reset.DefaultDt))
	row := make([]float64, len(reset.TraceNames))
	lv, av, aw := make([]float64, steps), make([]float64, steps), make([]float64, steps)
	var lSpikes, aSpikes []int
	for n := range steps {
		m.Step()
		m.ReadTrace(row)
		lv[n], av[n], aw[n] = row[0], row[1], row[2]
		for _, s := range m.Spikes() {
			if s == 0 {
				lSpikes = append(lSpikes, n)
			} else {
				aSpikes = append(aSpikes, n)
			}
		}
	}
	// The leaky integrator: from v_r, v = e_l + (v_r − e_l)·exp(−t/τ)
	// crosses θ after T = τ·ln((e_l − v_r)/(e_l − θ)); the first spike is
	// in step floor(T/dt) (from v_r at step 0), and then every
	// R + floor(T/dt) steps (R − 1 frozen steps, then floor(T/dt) + 1
	// integrating ones).
	T := p.L_tau_m * math.Log((p.L_e_l-p.L_reset)/(p.L_e_l-p.L_threshold))
	integ := int(math.Floor(T / p.Dt))
	R := int(math.Round(p.L_refractory / p.Dt))
	if len(lSpikes) < 3 {
		t.Fatalf("LIF spiked %d times: %v", len(lSpikes), lSpikes)
	}
	for i, s := range lSpikes {
		want := integ + i*(R+integ)
		if s != want {
			t.Fatalf("LIF spike %d in step %d, want %d (spikes %v)", i, s, want, lSpikes)
		}
		for k := s; k < s+R && k < steps; k++ {
			if lv[k] != p.L_reset {
				t.Fatalf("LIF v = %g after step %d, %d steps after the spike of step %d; want the frozen reset value %g", lv[k], k, k-s, s, p.L_reset)
			}
		}
		if s+R < steps && lv[s+R] == p.L_reset {
			t.Fatalf("LIF v still frozen in step %d, R = %d steps after the spike", s+R, R)
		}
	}
	// The adapting neuron: clamped at -70 mV while refractory, w += b.
	RA := int(math.Round(p.A_refractory / p.Dt))
	if len(aSpikes) < 2 {
		t.Fatalf("Adapt spiked %d times: %v", len(aSpikes), aSpikes)
	}
	decay := math.Exp(-p.Dt / p.A_tau_w)
	for _, s := range aSpikes {
		if av[s] != p.A_reset {
			t.Fatalf("Adapt v = %g after its spike step %d, want the reset %g", av[s], s, p.A_reset)
		}
		for k := s + 1; k < s+RA && k < steps; k++ {
			if av[k] != -70 {
				t.Fatalf("Adapt v = %g in refractory step %d, want the clamp -70 mV", av[k], k)
			}
		}
		var before float64
		if s > 0 {
			before = aw[s-1]
		}
		if want := before*decay + p.A_b; math.Abs(aw[s]-want) > 1e-12 {
			t.Fatalf("Adapt w = %.17g after the spike of step %d, want w·exp(−dt/τ_w) + b = %.17g", aw[s], s, want)
		}
	}
	t.Logf("LIF spikes %v (T = %.3f ms, R = %d); Adapt spikes %v", lSpikes, T, R, aSpikes)
}
