package golden_test

import (
	"math"
	"testing"

	"github.com/einetc/einetc/golden/vth"
)

// TestPerNeuronThreshold runs golden/vth, std/lif.ein's LIF with v_th and
// v_r drawn per neuron (threshold = above(v_th), reset = v_r), and checks
// every neuron in every step against its own values: it spikes exactly
// when it is not refractory and its new v, computed here by exp_euler's
// step toward v∞ = e_l + I·τ_m/C, exceeds its v_th (decisions within
// 1e-9 mV of v_th are not judged), and a spike resets v to its v_r exactly.
// The draws differ from neuron to neuron, so one population value would
// fail this.
func TestPerNeuronThreshold(t *testing.T) {
	p := vth.DefaultParams()
	m, err := vth.New(p)
	if err != nil {
		t.Fatal(err)
	}
	th, vr := m.P_v_th, m.P_v_r
	if lo, hi := minMax(th); hi-lo < 4 {
		t.Fatalf("v_th drawn in [%g, %g]: not spread per neuron", lo, hi)
	}
	vinf := p.P_e_l + p.Input_P_current*p.P_tau_m/p.P_C
	decay := math.Exp(-p.Dt / p.P_tau_m)
	refr := int(math.Round(p.P_refractory / p.Dt))
	last := make([]int, vth.NumNeurons)
	for i := range last {
		last[i] = -refr
	}
	old := make([]float64, vth.NumNeurons)
	spikes := 0
	for step := range int(math.Round(vth.DefaultDuration / p.Dt)) {
		copy(old, m.P_v)
		m.Step()
		spiked := make([]bool, vth.NumNeurons)
		for _, s := range m.Spikes() {
			spiked[s] = true
		}
		for i := range old {
			refractory := step-last[i] < refr
			want := vinf + (old[i]-vinf)*decay
			switch {
			case spiked[i] && refractory:
				t.Fatalf("step %d: neuron %d spiked while refractory", step, i)
			case spiked[i] && m.P_v[i] != vr[i]:
				t.Fatalf("step %d: neuron %d reset to %g, want its v_r %g", step, i, m.P_v[i], vr[i])
			case refractory || math.Abs(want-th[i]) < 1e-9:
			case spiked[i] != (want > th[i]):
				t.Fatalf("step %d: neuron %d: v %g -> %g, v_th %g, spiked %v", step, i, old[i], want, th[i], spiked[i])
			}
			if spiked[i] {
				last[i] = step
				spikes++
			}
		}
	}
	if spikes < vth.NumNeurons {
		t.Errorf("%d spikes from %d neurons in %g ms: the drive does not reach the thresholds", spikes, vth.NumNeurons, vth.DefaultDuration)
	}
}

func minMax(x []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range x {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return lo, hi
}
