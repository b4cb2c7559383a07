package validation

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// runModel writes model to a temporary net.ein, runs it and returns the
// output directory.
func runModel(t *testing.T, model string) string {
	t.Helper()
	bin := einetc(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "net.ein")
	if err := os.WriteFile(path, []byte(model), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if err := einetcRun(bin, out, path); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCalciumPoolAnalytic checks a calcium pool (USEION ca READ ica WRITE
// cai) fed by a constant Ca current against its exact solution
// cai(t) = c∞ + (c0 − c∞)·exp(−t/τ), c∞ = cai_rest + τ·ica/(2·F·depth),
// with F = 96485.33212331001 C/mol in SI units here, so that the test checks
// FARADAY, the units of depth and ica, and the sign convention too. The
// pool's equation is linear with constant coefficients, so exp_euler and
// neuron_fixed are exact: the trace must agree to the 10 digits printed.
func TestCalciumPoolAnalytic(t *testing.T) {
	for _, solver := range []string{"exp_euler", "neuron_fixed", "ind_exp_euler"} {
		t.Run(solver, func(t *testing.T) {
			if testing.Short() && solver != "exp_euler" {
				t.Skip("-short: exp_euler only")
			}
			model := `CHANNEL CaIn {
  USEION ca WRITE ica
  PARAMETER { i0 = 2 (uA/cm2) }
  CURRENT ica = i0      // inward: calcium enters
  CURRENT ibal = -i0    // and an outward current that keeps v still
}
CHANNEL CaPool {
  USEION ca READ ica WRITE cai
  PARAMETER { depth = 0.5 (um)  tau = 80 (ms)  cai_rest = 100 (nM) }
  STATE { cai (mM) }
  cai' = ica / (2 * FARADAY * depth) + (cai_rest - cai) / tau
}
NEURON N {
  area = 1000 (um2)  cm = 1 (uF/cm2)  threshold = crossing(100 (mV))  solver = ` + solver + `
  ION ca { cai = 50 (nM)  cao = 2 (mM) }
  INSERT CaIn  INSERT CaPool
  INITIAL { v = -65 (mV) }
}
NETWORK A { POPULATION P = N[1] }
RUN { dt = 0.1 (ms)  duration = 300 (ms)  RECORD P.CaPool.cai[0] }
`
			out := runModel(t, model)
			ts := readColumn(t, filepath.Join(out, "traces.csv"), 0, true)
			cs := readColumn(t, filepath.Join(out, "traces.csv"), 1, true)
			const (
				i0    = 2e-6 * 1e4 // A/m²
				depth = 0.5e-6     // m
				tau   = 80.0       // ms
				rest  = 100e-6     // mM
				c0    = 50e-6      // mM
				F     = 96485.33212331001
			)
			cinf := rest + tau*(i0/(2*F*depth))*1e-3 // mol/(m³ s) = mM/s, and 1e-3 s/ms
			for k, c := range cs {
				want := cinf + (c0-cinf)*math.Exp(-ts[k]/tau)
				if math.Abs(c-want) > 1e-9*want {
					t.Fatalf("t = %g ms: cai = %.10g mM, exact %.10g mM", ts[k], c, want)
				}
			}
			if len(cs) != 3000 || cs[len(cs)-1] < 0.9*cinf {
				t.Fatalf("%d samples, last cai %g mM: want 3000 samples approaching %g mM", len(cs), cs[len(cs)-1], cinf)
			}
		})
	}
}

// TestNernstRest checks e = nernst: a membrane with only a Ca conductance
// comes to rest at eca = R·T/(2F)·log(cao/cai), here 6.3 degC, cai = 50 nM,
// cao = 2 mM: 127.55 mV.
func TestNernstRest(t *testing.T) {
	model := `CHANNEL GCa {
  USEION ca READ eca
  PARAMETER { g = 1 (mS/cm2) }
  CURRENT i = g * (eca - v)
}
NEURON N {
  area = 1000 (um2)  cm = 1 (uF/cm2)  celsius = 6.3 (degC)  threshold = crossing(1000 (mV))
  ION ca { cai = 50 (nM)  cao = 2 (mM)  e = nernst }
  INSERT GCa
  INITIAL { v = -65 (mV) }
}
NETWORK A { POPULATION P = N[1] }
RUN { dt = 0.1 (ms)  duration = 50 (ms)  RECORD P.v[0] }
`
	vs := readColumn(t, filepath.Join(runModel(t, model), "traces.csv"), 1, true)
	const R, F = 8.31446261815324, 96485.33212331001
	want := 1000 * R * (6.3 + 273.15) / (2 * F) * math.Log(2/50e-6)
	if got := vs[len(vs)-1]; math.Abs(got-want) > 1e-6 {
		t.Fatalf("v at 50 ms = %.9g mV, eca by Nernst = %.9g mV", got, want)
	}
}

// TestCalciumAdaptation runs validation/testdata/calcium.ein, the example
// of docs/language.md (R7a): each spike's Ca current raises cai, which
// opens KCa, and the interspike intervals grow until the cell stops. It
// also checks that the channels shown in docs/language.md are the file's.
func TestCalciumAdaptation(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	bin := einetc(t)
	out := filepath.Join(t.TempDir(), "out")
	if err := einetcRun(bin, out, "validation/testdata/calcium.ein"); err != nil {
		t.Fatal(err)
	}
	spikes := readColumn(t, filepath.Join(out, "spikes.csv"), 0, true)
	if len(spikes) < 8 || spikes[len(spikes)-1] > 400 {
		t.Fatalf("spikes at %v ms: want an adapting train that stops before 400 ms", spikes)
	}
	first, last := spikes[2]-spikes[1], spikes[len(spikes)-1]-spikes[len(spikes)-2]
	if last < first+2 {
		t.Errorf("intervals %.3g ms then %.3g ms: want them to grow (adaptation)", first, last)
	}
	cai := readColumn(t, filepath.Join(out, "traces.csv"), 2, true)
	peak := 0.0
	for _, c := range cai {
		peak = max(peak, c)
	}
	if cai[0] != 50e-6 || peak < 1e-3 || cai[len(cai)-1] > peak/2 {
		t.Errorf("cai starts at %g mM, peaks at %g mM, ends at %g mM: want 5e-05, above 1 µM, then decaying", cai[0], peak, cai[len(cai)-1])
	}
	src, err := os.ReadFile("testdata/calcium.ein")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../docs/language.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, block := range regexp.MustCompile(`(?ms)^CHANNEL .*?^}\n`).FindAllString(string(src), -1) {
		if !strings.Contains(string(doc), block) {
			t.Errorf("docs/language.md does not show this channel of testdata/calcium.ein as it is:\n%s", block)
		}
	}
	t.Log(fmt.Sprintf("%d spikes, last at %.3f ms; cai peak %.4g mM", len(spikes), spikes[len(spikes)-1], peak))
}
