package golden_test

import (
	"math"
	"testing"

	"github.com/einetc/einetc/golden/delta"
)

// TestDeltaJumps checks output = DELTA step by step: a jump enters v at the
// start of step n + 1 + delay steps after a spike in step n, before that
// step's exact decay; a jump reaching the target in the step right after
// its own spike is lost (Brian2: the reset follows the jumps); with
// REFRACTORY { v } so are the jumps of the refractory period and of the
// step after it (Brian2's (unless refractory): no write to v while
// not_refractory is false, in its steps k … k+R−1 after a spike in step k,
// whose jumps arrive here at the start of steps k+1 … k+R); the next one is
// kept.
func TestDeltaJumps(t *testing.T) {
	p := delta.DefaultParams()
	m, err := delta.New(p)
	if err != nil {
		t.Fatal(err)
	}
	steps := int(math.Round(delta.DefaultDuration / delta.DefaultDt))
	decay := math.Exp(-p.Dt / p.Post_tau)
	v := make([]float64, steps)
	row := make([]float64, 1)
	pre, post := -1, -1
	for n := range steps {
		m.Step()
		m.ReadTrace(row)
		v[n] = row[0]
		for _, s := range m.Spikes() {
			if s == 0 && pre < 0 {
				pre = n
			}
			if s == 1 && post < 0 {
				post = n
			}
		}
	}
	if pre < 0 || pre+40 > steps {
		t.Fatalf("presynaptic spike at step %d", pre)
	}
	small, big := pre+1+5, pre+1+10 // delays 0.5 ms and 1 ms: 5 and 10 steps
	for n := 0; n < small; n++ {
		if v[n] != 0 {
			t.Fatalf("v = %g after step %d, before any jump (step %d)", v[n], n, small)
		}
	}
	for n := small; n < big; n++ {
		if want := 5 * math.Pow(decay, float64(n-small+1)); math.Abs(v[n]-want) > 1e-12 {
			t.Fatalf("step %d: v = %.17g, want 5·exp(−dt/τ)^%d = %.17g (the jump enters before the decay)", n, v[n], n-small+1, want)
		}
	}
	if v[big] != 10 || post != big {
		t.Fatalf("step %d: v = %.17g, first spike at step %d; want the 25 mV jump to fire and reset to 10 mV in that step", big, v[big], post)
	}
	// Step big+1 receives the 1 mV jump (lost), step big+2 the 2 mV jump
	// (dropped, refractory), step big+refr the 3 mV jump (dropped: Brian2's
	// last refractory step); v stays at the reset, then decays; step
	// big+refr+1 receives the 4 mV jump (kept).
	refr := int(math.Round(p.Post_refractory / p.Dt))
	if big+refr+1 >= steps {
		t.Fatalf("the run ends before step %d", big+refr+1)
	}
	for n := big + 1; n < big+refr; n++ {
		if v[n] != 10 {
			t.Fatalf("step %d: v = %.17g, want the reset 10 mV (jumps in the refractory period are dropped)", n, v[n])
		}
	}
	if want := 10 * decay; math.Abs(v[big+refr]-want) > 1e-12 {
		t.Errorf("first step after the refractory period: v = %.17g, want 10·exp(−dt/τ) = %.17g (the 3 mV jump dropped)", v[big+refr], want)
	}
	if want := (10*decay + 4) * decay; math.Abs(v[big+refr+1]-want) > 1e-12 {
		t.Errorf("step %d: v = %.17g, want (10·exp(−dt/τ) + 4)·exp(−dt/τ) = %.17g (the 4 mV jump kept)", big+refr+1, v[big+refr+1], want)
	}
}
