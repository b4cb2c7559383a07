package validation

import (
	"math"
	"path/filepath"
	"testing"
)

// TestNeuronFixedPassive checks solver = neuron_fixed without NEURON, in
// -short runs too: on a passive membrane with a gated leak it must be
// backward Euler for v, v ← (v + dt·A)/(1 − dt·B), followed by the gate's
// exponential update with the new v, step by step.
func TestNeuronFixedPassive(t *testing.T) {
	checkGatedLeak(t, "", "exponential", func(p, pinf, dt float64) float64 {
		return pinf + (p-pinf)*math.Exp(-dt/2)
	})
}

// TestNeuronFixedImplicit checks METHOD implicit under neuron_fixed
// without NEURON, in -short runs too: a first-order kinetic scheme
// C <-> O and an independent gate q must advance by backward Euler with
// the new v, the scheme's 2×2 system solved exactly, step by step.
func TestNeuronFixedImplicit(t *testing.T) {
	model := `CHANNEL K {
  METHOD implicit
  PARAMETER { g = 1 (mS/cm2)  e = -80 (mV) }
  STATE { C O q }
  DEFINE a = 0.5 / (1 + exp(-(v + 50 (mV)) / 4 (mV)))
  DEFINE b = 0.2 * exp(-(v + 60 (mV)) / 20 (mV))
  C' = -(a * C - b * O) / 1 (ms)
  O' = (a * C - b * O) / 1 (ms)
  q' = (a - q) / 3 (ms)
  CURRENT i = g * O * q * (e - v)
  INITIAL { C = 0.9  O = 0.1  q = 0.2 }
}
NEURON N {
  area = 10000 (um2)  cm = 1 (uF/cm2)  threshold = crossing(100 (mV))  solver = neuron_fixed
  INSERT K
  INITIAL { v = -65 (mV) }
}
NETWORK A { POPULATION P = N[1]  INPUT P { current = 1 (nA) } }
RUN { dt = 0.1 (ms)  duration = 5 (ms)  RECORD P.v[0]  RECORD P.K.C[0]  RECORD P.K.O[0]  RECORD P.K.q[0] }
`
	out := runModel(t, model)
	traces := filepath.Join(out, "traces.csv")
	vs, cs, os_, qs := readColumn(t, traces, 1, true), readColumn(t, traces, 2, true), readColumn(t, traces, 3, true), readColumn(t, traces, 4, true)
	// In mV, ms and mS/cm2: C = 1 uF/cm2, I = 1 nA / 1e-4 cm2 = 10 uA/cm2.
	const dt, gmax, e, iext = 0.1, 1.0, -80.0, 10.0
	v, c, o, q := -65.0, 0.9, 0.1, 0.2
	for k := range vs {
		if math.Abs(vs[k]-v) > 1e-7 || math.Abs(cs[k]-c) > 1e-9 || math.Abs(os_[k]-o) > 1e-9 || math.Abs(qs[k]-q) > 1e-9 {
			t.Fatalf("step %d: einetc v, C, O, q = %.10g, %.10g, %.10g, %.10g; backward Euler: %.10g, %.10g, %.10g, %.10g", k, vs[k], cs[k], os_[k], qs[k], v, c, o, q)
		}
		gv := gmax * o * q
		v = (v + dt*(gv*e+iext)) / (1 + dt*gv)
		a, b := 0.5/(1+math.Exp(-(v+50)/4)), 0.2*math.Exp(-(v+60)/20)
		// (1 + dt·a) C' − dt·b O' = C;  −dt·a C' + (1 + dt·b) O' = O.
		det := (1+dt*a)*(1+dt*b) - dt*a*dt*b
		c, o = ((1+dt*b)*c+dt*b*o)/det, (dt*a*c+(1+dt*a)*o)/det
		q = (q + dt*a/3) / (1 + dt/3)
	}
	if len(vs) != 50 {
		t.Fatalf("%d samples, want 50", len(vs))
	}
}

// TestNeuronFixedNonlinear checks, without NEURON, how neuron_fixed
// advances v with a current that is not linear in v: NEURON's
// linearisation, v ← v + dt·f/(1 − dt·B) with the current's conductance
// by the finite difference (i(v + 0.001 mV) − i(v))/0.001 mV, as nrn_cur
// computes it (the GHK currents of Debian's cachan1.mod need it).
func TestNeuronFixedNonlinear(t *testing.T) {
	model := `CHANNEL X {
  PARAMETER { g = 0.2 (mS/cm2) }
  CURRENT i = g * (-1 (mV)) * exp(v / 25 (mV))
}
NEURON N {
  area = 10000 (um2)  cm = 1 (uF/cm2)  threshold = crossing(100 (mV))  solver = neuron_fixed
  INSERT X
  INITIAL { v = -65 (mV) }
}
NETWORK A { POPULATION P = N[1]  INPUT P { current = 0.1 (nA) } }
RUN { dt = 0.1 (ms)  duration = 5 (ms)  RECORD P.v[0] }
`
	out := runModel(t, model)
	vs := readColumn(t, filepath.Join(out, "traces.csv"), 1, true)
	// In mV, ms and mS/cm2: dv/dt = -g·exp(v/25) + 1 uA/cm2.
	const dt, g, iext, h = 0.1, 0.2, 1.0, 0.001
	f := func(v float64) float64 { return -g*math.Exp(v/25) + iext }
	v := -65.0
	for k := range vs {
		if math.Abs(vs[k]-v) > 1e-7 {
			t.Fatalf("step %d: einetc v = %.10g; NEURON's linearised backward Euler: %.10g", k, vs[k], v)
		}
		b := (f(v+h) - f(v)) / h
		v += dt * f(v) / (1 - dt*b)
	}
	if len(vs) != 50 {
		t.Fatalf("%d samples, want 50", len(vs))
	}
}

// TestNeuronFixedEuler checks METHOD euler under neuron_fixed without
// NEURON, in -short runs too: v by backward Euler, then the gate by
// explicit Euler with the new v, as NEURON's METHOD euler.
func TestNeuronFixedEuler(t *testing.T) {
	checkGatedLeak(t, "  METHOD euler\n", "explicit Euler", func(p, pinf, dt float64) float64 {
		return p + dt*(pinf-p)/2
	})
}

// checkGatedLeak runs a neuron_fixed membrane with one gated leak G (its
// CHANNEL block starting with method, "" for the default) and requires,
// step by step, backward Euler for v and then gate(p, pinf(v), dt) with the
// new v for G's state p' = (pinf - p) / 2 ms.
func checkGatedLeak(t *testing.T, method, name string, gate func(p, pinf, dt float64) float64) {
	t.Helper()
	model := "CHANNEL G {\n" + method + `  PARAMETER { g = 1 (mS/cm2)  e = -70 (mV) }
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
	out := runModel(t, model)
	vs := readColumn(t, filepath.Join(out, "traces.csv"), 1, true)
	ps := readColumn(t, filepath.Join(out, "traces.csv"), 2, true)
	// In mV, ms and mS/cm2: C = 1 uF/cm2, I = 0.5 nA / 1e-4 cm2 = 5 uA/cm2.
	const dt, gmax, e, iext = 0.1, 1.0, -70.0, 5.0
	v, p := -65.0, 0.5
	for k := range vs {
		if math.Abs(vs[k]-v) > 1e-7 || math.Abs(ps[k]-p) > 1e-9 {
			t.Fatalf("step %d: einetc v = %.10g, p = %.10g; backward Euler then %s: v = %.10g, p = %.10g", k, vs[k], ps[k], name, v, p)
		}
		a, b := gmax*p*e+iext, -gmax*p // dv/dt = A + B v
		v = (v + dt*a) / (1 - dt*b)
		p = gate(p, 1/(1+math.Exp(-(v+40)/5)), dt)
	}
	if len(vs) != 50 {
		t.Fatalf("%d samples, want 50", len(vs))
	}
}
