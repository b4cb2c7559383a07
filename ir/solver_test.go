package ir_test

import (
	"math"
	"testing"

	"github.com/einetc/einetc/check"
	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/parser"
)

// eval interprets one population update: every statement in order, reading
// the states' old values; it returns the new values. It exists to check the
// solvers against hand-written integrators.
func eval(pop *ir.Population, state map[string]float64, dt float64) map[string]float64 {
	locals := map[*ir.Local]float64{}
	states := map[*ir.State]float64{}
	for _, s := range pop.States {
		states[s] = state[s.Name]
	}
	var ev func(e ir.Expr) float64
	ev = func(e ir.Expr) float64 {
		switch e := e.(type) {
		case *ir.Const:
			return e.V
		case *ir.ParamRef:
			return e.P.Value
		case *ir.StateRef:
			return states[e.S]
		case *ir.LocalRef:
			return locals[e.L]
		case *ir.Var:
			return dt
		case *ir.Unary:
			return -ev(e.X)
		case *ir.Binary:
			x, y := ev(e.X), ev(e.Y)
			switch e.Op {
			case "+":
				return x + y
			case "-":
				return x - y
			case "*":
				return x * y
			case "/":
				return x / y
			case "^":
				return math.Pow(x, y)
			}
		case *ir.Call:
			switch x := ev(e.Args[0]); e.Fn {
			case "exp":
				return math.Exp(x)
			case "exprel":
				if x == 0 {
					return 1
				}
				return math.Expm1(x) / x
			}
		}
		panic("eval: unsupported expression " + ir.Format(e))
	}
	out := map[string]float64{}
	for _, s := range append(append([]*ir.Stmt(nil), pop.PerStep...), pop.Update...) {
		if s.Local != nil {
			locals[s.Local] = ev(s.Value)
		} else {
			out[s.State.Name] = ev(s.Value)
		}
	}
	return out
}

// TestRK4Stages integrates a channel whose two ODEs share a definition that
// depends on v, with rk4, and compares one step with a hand-written RK4 of
// the same system. Sharing a stage's definition with another stage (a bug
// the validation suite found) breaks this.
func TestRK4Stages(t *testing.T) {
	src := `
CHANNEL Two {
  STATE { a b }
  DEFINE u = (v + 60 (mV)) / 1 (mV)
  a' = (u * u / 100 - a) / 2 (ms)
  b' = (a - b * u / 10) / 3 (ms)
  CURRENT i = 0.01 (pA) * (a - b) * u
}
NEURON N { C = 1 (pF)  threshold = above(0 (mV))  solver = rk4  INSERT Two
  INITIAL { v = -50 (mV)  Two.a = 0.3  Two.b = 0.1 } }
NETWORK Net { POPULATION P = N[1] }`
	prog, errs := parser.Load("m/net.ein", func(string) ([]byte, error) { return []byte(src), nil })
	if errs != nil {
		t.Fatal(errs)
	}
	mod, errs := check.Build(prog)
	if errs != nil {
		t.Fatal(errs)
	}
	const dt = 0.1
	f := func(y [3]float64) [3]float64 { // v, a, b
		u := y[0] + 60
		return [3]float64{0.01 * (y[1] - y[2]) * u, (u*u/100 - y[1]) / 2, (y[1] - y[2]*u/10) / 3}
	}
	add := func(y, k [3]float64, c float64) (r [3]float64) {
		for i := range y {
			r[i] = y[i] + c*k[i]
		}
		return
	}
	y := [3]float64{-50, 0.3, 0.1}
	k1 := f(y)
	k2 := f(add(y, k1, dt/2))
	k3 := f(add(y, k2, dt/2))
	k4 := f(add(y, k3, dt))
	var want [3]float64
	for i := range y {
		want[i] = y[i] + dt/6*(k1[i]+2*k2[i]+2*k3[i]+k4[i])
	}
	got := eval(mod.Pops[0], map[string]float64{"v": -50, "Two.a": 0.3, "Two.b": 0.1}, dt)
	for i, name := range []string{"v", "Two.a", "Two.b"} {
		if d := math.Abs(got[name] - want[i]); d > 1e-12*math.Max(1, math.Abs(want[i])) {
			t.Errorf("%s after one rk4 step: %.15g, want %.15g", name, got[name], want[i])
		}
	}
}
