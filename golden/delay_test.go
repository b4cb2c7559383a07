package golden_test

import (
	"math"
	"testing"

	"github.com/einetc/einetc/golden/delay"
)

// TestDelayAndOrder checks the delivery step, the undecayed increment and
// the decay factor exactly.
func TestDelayAndOrder(t *testing.T) {
	m, err := delay.New(delay.DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	p := delay.DefaultParams()
	steps := int(math.Round(delay.DefaultDuration / delay.DefaultDt))
	first := -1 // step of the first presynaptic spike
	g := make([]float64, steps)
	row := make([]float64, len(delay.TraceNames))
	for n := range steps {
		m.Step()
		m.ReadTrace(row) // after step n: the synaptic state at the start of step n+1
		g[n] = row[0]
		for _, s := range m.Spikes() {
			if s == 0 && first < 0 {
				first = n
			}
		}
	}
	if first < 0 || first+12 >= steps {
		t.Fatalf("presynaptic neuron spiked at step %d", first)
	}
	d := int(math.Round(p.Syn_delay / p.Dt)) // 1.04/0.1 rounds to 10
	if d != 10 {
		t.Fatalf("delay rounds to %d steps, want 10", d)
	}
	arrive := first + 1 + d // the step whose synaptic phase adds w
	for n := 0; n < arrive; n++ {
		if g[n] != 0 {
			t.Fatalf("g = %g after step %d, before the spike of step %d can arrive (step %d)", g[n], n, first, arrive)
		}
	}
	if g[arrive] != p.Syn_weight {
		t.Fatalf("after step %d g = %.17g, want the undecayed weight %g", arrive, g[arrive], p.Syn_weight)
	}
	decay := math.Exp(-p.Dt / p.Syn_tau)
	if want := p.Syn_weight * decay; math.Abs(g[arrive+1]-want) > 1e-15*want {
		t.Fatalf("one step later g = %.17g, want w·exp(−dt/τ) = %.17g", g[arrive+1], want)
	}
	t.Logf("spike in step %d, delivered in step %d (delay %d steps), g = %g then %g", first, arrive, d, g[arrive], g[arrive+1])
}
