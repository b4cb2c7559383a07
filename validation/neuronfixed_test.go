package validation

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// TestNeuronFixedPassive checks solver = neuron_fixed without NEURON, in
// -short runs too: on a passive membrane with a gated leak it must be
// backward Euler for v, v ← (v + dt·A)/(1 − dt·B), followed by the gate's
// exponential update with the new v, step by step.
func TestNeuronFixedPassive(t *testing.T) {
	bin := einetc(t)
	dir := t.TempDir()
	model := `CHANNEL G {
  PARAMETER { g = 1 (mS/cm2)  e = -70 (mV) }
  STATE { p }
  DEFINE pinf = 1 / (1 + exp(-(v + 40 (mV)) / 5 (mV)))
  p' = (pinf - p) / 2 (ms)
  CURRENT i = g * p * (e - v)
  INITIAL { p = 0.5 }
}
NEURON N {
  area = 10000 (um2)  cm = 1 (uF/cm2)  threshold = crossing(100 (mV))  solver = neuron_fixed
  INSERT G
  INITIAL { v = -65 (mV) }
}
NETWORK A { POPULATION P = N[1]  INPUT P { current = 0.5 (nA) } }
RUN { dt = 0.1 (ms)  duration = 5 (ms)  RECORD P.v[0]  RECORD P.G.p[0] }
`
	path := filepath.Join(dir, "net.ein")
	if err := os.WriteFile(path, []byte(model), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if err := einetcRun(bin, out, path); err != nil {
		t.Fatal(err)
	}
	vs := readColumn(t, filepath.Join(out, "traces.csv"), 1, true)
	ps := readColumn(t, filepath.Join(out, "traces.csv"), 2, true)
	// In mV, ms and mS/cm2: C = 1 uF/cm2, I = 0.5 nA / 1e-4 cm2 = 5 uA/cm2.
	const dt, gmax, e, iext = 0.1, 1.0, -70.0, 5.0
	v, p := -65.0, 0.5
	for k := range vs {
		if math.Abs(vs[k]-v) > 1e-7 || math.Abs(ps[k]-p) > 1e-9 {
			t.Fatalf("step %d: einetc v = %.10g, p = %.10g; backward Euler then exponential: v = %.10g, p = %.10g", k, vs[k], ps[k], v, p)
		}
		a, b := gmax*p*e+iext, -gmax*p // dv/dt = A + B v
		v = (v + dt*a) / (1 - dt*b)
		pinf := 1 / (1 + math.Exp(-(v+40)/5))
		p = pinf + (p-pinf)*math.Exp(-dt/2)
	}
	if len(vs) != 50 {
		t.Fatalf("%d samples, want 50", len(vs))
	}
}
