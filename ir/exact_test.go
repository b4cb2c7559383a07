package ir_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/einetc/einetc/check"
	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/parser"
)

// exactLIF is a LIF driven by a constant input and two spike-triggered
// currents that decay on their own, w with tau_w and u with tau_u, which
// the exact solver integrates by their propagator.
func exactLIF(t *testing.T, tauW, tauU float64) *ir.Population {
	t.Helper()
	src := fmt.Sprintf(`
NEURON N {
  C = 200 (pF)
  PARAMETER { tau_m = 20 (ms)  e_l = -70 (mV)  tau_w = %g (ms)  tau_u = %g (ms) }
  STATE { w (pA)  u (pA) }
  v' = (e_l - v) / tau_m - w / C
  w' = -w / tau_w
  u' = -u / tau_u
  CURRENT i_u = u
  threshold = above(0 (mV))
  solver = exact
  INITIAL { v = -60 (mV)  w = 50 (pA)  u = 80 (pA) }
}
NETWORK Net { POPULATION P = N[1]  INPUT P { current = 300 (pA) } }`, tauW, tauU)
	prog, errs := parser.Load("m/net.ein", func(string) ([]byte, error) { return []byte(src), nil })
	if errs != nil {
		t.Fatal(errs)
	}
	mod, errs := check.Build(prog)
	if errs != nil {
		t.Fatal(errs)
	}
	return mod.Pops[0]
}

// TestExactPropagator checks one step of the exact solver against the
// closed-form solution of v' = (e_l − v)/τ_m + (I − w + u)/C with
// w = w₀e^(−t/τ_w), u = u₀e^(−t/τ_u), including τ_w = τ_m, where the
// solution is the limit t·e^(−t/τ_m) (Brian2's sympy form divides by zero
// there), and then 10 ms of steps against a fine Runge–Kutta reference.
func TestExactPropagator(t *testing.T) {
	const (
		tauM, C, el, iext = 20.0, 200.0, -70.0, 300.0
		v0, w0, u0, dt    = -60.0, 50.0, 80.0, 0.1
	)
	for _, c := range []struct{ tauW, tauU float64 }{{5, 10}, {20, 10}, {100, 20}} {
		t.Run(fmt.Sprintf("tau_w=%g,tau_u=%g", c.tauW, c.tauU), func(t *testing.T) {
			pop := exactLIF(t, c.tauW, c.tauU)
			// ∫₀^dt e^(−(dt−s)/τ_m) e^(−s/τ) ds
			conv := func(tau float64) float64 {
				if tau == tauM {
					return dt * math.Exp(-dt/tauM)
				}
				a, as := -1/tauM, -1/tau
				return (math.Exp(as*dt) - math.Exp(a*dt)) / (as - a)
			}
			em := math.Exp(-dt / tauM)
			want := map[string]float64{
				"v": v0*em + (el+iext/C*tauM)*(1-em) - w0/C*conv(c.tauW) + u0/C*conv(c.tauU),
				"w": w0 * math.Exp(-dt/c.tauW),
				"u": u0 * math.Exp(-dt/c.tauU),
			}
			y := map[string]float64{"v": v0, "w": w0, "u": u0, "I_ext": iext}
			got := eval(pop, y, dt)
			for name, w := range want {
				if d := math.Abs(got[name] - w); d > 1e-13*math.Abs(w) {
					t.Errorf("%s after one step: %.17g, want %.17g", name, got[name], w)
				}
			}
			// 100 steps against RK4 with dt/100.
			for range 99 {
				for k, v := range got {
					y[k] = v
				}
				got = eval(pop, y, dt)
			}
			f := func(s [3]float64) [3]float64 {
				return [3]float64{(el-s[0])/tauM + (iext-s[1]+s[2])/C, -s[1] / c.tauW, -s[2] / c.tauU}
			}
			s := [3]float64{v0, w0, u0}
			h := dt / 100
			for range 10000 {
				k1 := f(s)
				k2 := f(axpy(s, k1, h/2))
				k3 := f(axpy(s, k2, h/2))
				k4 := f(axpy(s, k3, h))
				for i := range s {
					s[i] += h / 6 * (k1[i] + 2*k2[i] + 2*k3[i] + k4[i])
				}
			}
			if d := math.Abs(got["v"] - s[0]); d > 1e-9 {
				t.Errorf("v after 10 ms: %.15g, RK4 with dt/100 %.15g (|Δ| %.2g mV)", got["v"], s[0], d)
			}
		})
	}
}

func axpy(y, k [3]float64, c float64) (r [3]float64) {
	for i := range y {
		r[i] = y[i] + c*k[i]
	}
	return r
}
