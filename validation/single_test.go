package validation

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Case 1: isolated Traub–Miles neurons (classic COBAHH parameters, v0 = -60
// mV, gates 0, no synapses, no randomness), one per constant current,
// simulated for 1 s by einetc and by Brian2 with the corresponding solver.

// singleCurrents are the constant currents (nA), one neuron each: 0 to 1 nA
// in steps of 0.1 nA, then 5 nA, which at dt = 0.01 ms fires exactly when the
// 3 ms refractory period ends, and 20 nA.
var singleCurrents = []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 5, 20}

const singleDurationMs = 1000

// singleConfig is one comparison of case 1.
type singleConfig struct {
	solver string  // einetc's solver
	method string  // Brian2's method
	dt     float64 // ms
	rates  string  // Brian2's spelling of the rates, stock or exact (brian/tm.py)
	tol    float64 // mV: the largest |Δv| allowed at any step
	blowUp bool    // an explicit method at a step where it is unstable
}

func (c singleConfig) label() string {
	return c.method + "-" + strconv.FormatFloat(c.dt, 'g', -1, 64) + "-" + c.rates
}

// singleConfigs: exponential Euler at dt = 0.1 ms against both spellings of
// Brian2's rates (Brian2's own exprel loses up to five digits near v = -50
// mV, see brian/tm.py, hence the looser tolerance of "stock"); Euler and RK4
// at dt = 0.01 ms; Euler and RK4 at dt = 0.1 ms, where both are unstable for
// this neuron (|dt·G/C| reaches 10) and blow up: there the two simulators
// must blow up in the same step, with identical spikes and v until v leaves
// [-100, 100] mV.
var singleConfigs = []singleConfig{
	{"exp_euler", "exponential_euler", 0.1, "exact", 1e-6, false},
	{"exp_euler", "exponential_euler", 0.1, "stock", 1e-2, false},
	{"euler", "euler", 0.01, "exact", 1e-6, false},
	{"rk4", "rk4", 0.01, "exact", 1e-6, false},
	{"euler", "euler", 0.1, "exact", 1e-6, true},
	{"rk4", "rk4", 0.1, "exact", 1e-6, true},
}

// singleModel is the einetc model of case 1 for a solver.
func singleModel(solver string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `// Case 1 of validation/: isolated Traub-Miles neurons (classic COBAHH
// parameters), one per constant current; no synapses, no randomness.
import "std/tm1991.ein"
import "std/leak.ein"

NEURON TM {
  area = 20000 (um2)
  cm = 1 (uF/cm2)
  threshold = above(-20 (mV))
  refractory = 3 (ms)
  solver = %s
  ION na { e = 50 (mV) }
  ION k { e = -90 (mV) }
  INSERT INa_TM1991 { g_max = 100 (mS/cm2)  V_sh = -63 (mV) }
  INSERT IK_TM1991 { g_max = 30 (mS/cm2)  V_sh = -63 (mV) }
  INSERT IL { g_max = 0.05 (mS/cm2)  e = -60 (mV) }
  INITIAL { v = -60 (mV) }
}

NETWORK Single {
  POPULATION N = TM[%d]
`, solver, len(singleCurrents))
	for k, c := range singleCurrents {
		fmt.Fprintf(&b, "  GROUP C%d = N[%d:%d]\n  INPUT C%d { current = %g (nA) }\n", k, k, k+1, k, c)
	}
	fmt.Fprintf(&b, "}\n\nRUN {\n  dt = 0.1 (ms)\n  duration = %d (ms)\n  RECORD spikes\n  RECORD N.v[0:%d]\n}\n",
		singleDurationMs, len(singleCurrents))
	return b.String()
}

// singleResult is what one configuration measured, for the test log and
// docs/validation.md.
type singleResult struct {
	Config    singleConfig
	Spikes    []int     // per neuron, einetc (identical in Brian2 when FirstDiff < 0)
	FirstDiff int       // first step whose spikes differ, -1 if none
	MaxDv     []float64 // per neuron: max |Δv| (mV) over the compared steps
	MaxDvStep []int     // where
	BlowUp    []int     // per neuron: first step whose v is not finite, -1 if none (blowUp only)
	Compared  []int     // per neuron: steps compared
	KnownBug  string
	// Series kept for the plot: v of neuron plotNeuron (einetc, Brian2) and
	// |Δv| of neuron 7 (0.7 nA) at every step.
	VE, VB, Dv7 []float64
}

func TestSingleNeuron(t *testing.T) {
	t.Parallel()
	needBrian(t)
	bin := einetc(t)
	dir := t.TempDir()
	proj := brianProject(t, "single")

	var g goErr
	g.Go(func() error {
		cur := make([]string, len(singleCurrents))
		for k, c := range singleCurrents {
			cur[k] = strconv.FormatFloat(c, 'g', -1, 64)
		}
		args := []string{"--out", filepath.Join(dir, "brian"), "--project", proj,
			"--duration", strconv.Itoa(singleDurationMs), "--currents", strings.Join(cur, ",")}
		for _, c := range singleConfigs {
			args = append(args, "--config", fmt.Sprintf("%s:%g:%s", c.method, c.dt, c.rates))
		}
		line, err := brian("single.py", args...)
		t.Log(line)
		return err
	})
	// einetc: one model per solver, one run per solver and dt.
	runErr := map[string]error{}
	for _, c := range singleConfigs {
		key := einetcKey(c)
		if _, done := runErr[key]; done {
			continue
		}
		model := filepath.Join(dir, c.solver+".ein")
		if err := os.WriteFile(model, []byte(singleModel(c.solver)), 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"-dt", fmt.Sprintf("%gms", c.dt)}
		if c.blowUp {
			args = append(args, "-nocheck") // let v become NaN, as Brian2 does, instead of stopping
		}
		runErr[key] = einetcRun(bin, filepath.Join(dir, key), append(args, model)...)
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	for _, c := range singleConfigs {
		t.Run(c.label(), func(t *testing.T) {
			res := &singleResult{Config: c}
			defer docs.addSingle(res)
			err := runErr[einetcKey(c)]
			switch {
			case err == nil:
			case c.solver == "rk4" && strings.Contains(err.Error(), "declared and not used"):
				res.KnownBug = "rk4 miscompiles the TM1991 rates: common subexpressions of stage 2 reused in stages 3 and 4"
				docs.addBug(t.Name(), res.KnownBug+" (the generated Go does not build)")
				t.Skipf("known bug: %s, and the generated Go does not build: %v", res.KnownBug, err)
			case c.blowUp && strings.Contains(err.Error(), "trace plot: plotter:"):
				res.KnownBug = "einetc run -nocheck exits with status 1, without summary.json, when a recorded trace is not finite"
			default:
				t.Fatal(err)
			}
			compareSingle(t, c, filepath.Join(dir, einetcKey(c)), filepath.Join(dir, "brian", c.label()), res)
			if res.KnownBug != "" {
				docs.addBug(t.Name(), res.KnownBug)
				t.Skipf("known bug: %s (%v); spikes.csv and traces.csv are complete and were compared above", res.KnownBug, err)
			}
		})
	}
}

func einetcKey(c singleConfig) string { return fmt.Sprintf("einetc-%s-%g", c.solver, c.dt) }

// compareSingle compares einetc's outputs in edir with Brian2's at bbase.
func compareSingle(t *testing.T, c singleConfig, edir, bbase string, res *singleResult) {
	es, err := readSpikesCSV(filepath.Join(edir, "spikes.csv"), c.dt)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := readTracesCSV(filepath.Join(edir, "traces.csv"))
	if err != nil {
		t.Fatal(err)
	}
	bs, err := readSpikesNPY(bbase + ".spikes.npy")
	if err != nil {
		t.Fatal(err)
	}
	bv, err := readNPY(bbase + ".v.npy")
	if err != nil {
		t.Fatal(err)
	}
	bcol := bv.columns()
	steps := int(math.Round(singleDurationMs / c.dt))
	if len(tr.col) != len(singleCurrents) || len(bcol) != len(singleCurrents) || len(tr.col[0]) != steps || len(bcol[0]) != steps {
		t.Fatalf("traces: einetc %d×%d, Brian2 %d×%d, want %d steps × %d neurons",
			len(tr.col[0]), len(tr.col), len(bcol[0]), len(bcol), steps, len(singleCurrents))
	}

	res.FirstDiff = firstDifference(es, bs)
	if res.FirstDiff >= 0 {
		t.Errorf("spike rasters differ from step %d (t = %g ms)", res.FirstDiff, float64(res.FirstDiff)*c.dt)
	}
	for k, cur := range singleCurrents {
		ve, vb := tr.col[k], bcol[k]
		n := len(ve)
		if c.blowUp {
			fe, fb := firstNonFinite(ve), firstNonFinite(vb)
			if fe != fb {
				t.Errorf("%g nA: v stops being finite in step %d in einetc, %d in Brian2", cur, fe, fb)
			}
			res.BlowUp = append(res.BlowUp, fe)
			n = min(firstOutside(ve, 100), firstOutside(vb, 100))
		}
		d, at := maxAbsDiff(ve[:n], vb[:n])
		res.Spikes = append(res.Spikes, len(ofNeuron(es, k)))
		res.MaxDv, res.MaxDvStep, res.Compared = append(res.MaxDv, d), append(res.MaxDvStep, at), append(res.Compared, n)
		if !(d <= c.tol) {
			t.Errorf("%g nA: |Δv| = %.3g mV at step %d (t = %g ms) exceeds %g mV (einetc %.10g, Brian2 %.10g)",
				cur, d, at, float64(at)*c.dt, c.tol, ve[at], vb[at])
		}
		t.Logf("%5g nA: %4d spikes in both, max |Δv| = %.2g mV over %d steps", cur, res.Spikes[k], d, n)
	}
	if c.solver == "exp_euler" {
		res.VE, res.VB = tr.col[plotNeuron], bcol[plotNeuron]
		res.Dv7 = absDiff(tr.col[7], bcol[7])
	}
}

// plotNeuron is the neuron whose traces docs/validation-single.png shows (0.5 nA).
const plotNeuron = 5

func maxAbsDiff(a, b []float64) (float64, int) {
	m, at := 0.0, 0
	for i := range a {
		if d := math.Abs(a[i] - b[i]); d > m || math.IsNaN(d) {
			m, at = d, i
			if math.IsNaN(d) {
				break
			}
		}
	}
	return m, at
}

func absDiff(a, b []float64) []float64 {
	out := make([]float64, len(a))
	for i := range a {
		out[i] = math.Abs(a[i] - b[i])
	}
	return out
}

// firstNonFinite returns the index of the first NaN or ±Inf in x, or -1.
func firstNonFinite(x []float64) int {
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return i
		}
	}
	return -1
}

// firstOutside returns the index of the first value of x outside [-lim, lim]
// (NaN included), or len(x).
func firstOutside(x []float64, lim float64) int {
	for i, v := range x {
		if !(math.Abs(v) <= lim) {
			return i
		}
	}
	return len(x)
}
