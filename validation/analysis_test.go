package validation

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/einetc/einetc/analysis"
)

// Case 6: the network-state analysis (summary.json's "analysis" objects,
// computed by package analysis) agrees with an independent implementation in Python
// (validation/scipy/analysis.py: dense arrays, numpy, scipy.signal.lfilter
// and scipy.signal.welch) on spikes that einetc produces: the E–I network at
// inhibitory weights 67 nS (asynchronous irregular), 20 nS (asynchronous
// regular) and 0 nS (synchronous regular), 1 s each, and a small LIF
// network driven by Poisson sources (testdata/analysis.ein, 2 s), whose
// correlations average all pairs rather than a sample. Every number agrees
// within analysisTol relative (both sides compute in float64; only the
// order of the sums differs), every count and every regime label exactly.

// analysisTol is the relative tolerance of every real-valued metric (on
// max(1, |value|), so that values near 0 are compared absolutely).
const analysisTol = 1e-12

// spectraTol is the tolerance of the two measures built on the neurons' own
// spectra (segment_chi, spectral_chi). package analysis sums them from the
// lags between spikes (analysis.ownSpectra), scipy by an FFT of every
// train: the lag sums cancel where a regular train has little power, so
// the two agree less closely than rounding (2.3e-13 measured at 20 nS,
// 4.7e-12 when dense segments also took the lag sums; the other cases
// 3.5e-14 or less). 1e-10 leaves 400 times the measured difference for
// other platforms' rounding.
const spectraTol = 1e-10

// analysisGroup is a population or group of a case: its neurons and the
// regime the analysis must find.
type analysisGroup struct {
	Name     string     `json:"name"`
	First    int        `json:"first"`
	N        int        `json:"n"`
	Pairs    [][2]int32 `json:"pairs"`
	regime   string
	allPairs bool // the correlation averages every pair of active neurons
}

// einetGroups are the E–I network's population and groups, with the regime
// they must have.
func einetGroups(regime string) []analysisGroup {
	return []analysisGroup{{Name: "N", N: 4000, regime: regime}, {Name: "E", N: 3200, regime: regime}, {Name: "I", First: 3200, N: 800, regime: regime}}
}

var analysisCases = []struct {
	name   string
	args   []string
	window [2]float64
	groups []analysisGroup
}{
	{"einet-67nS", []string{"-duration", "1s", "-set", "I.weight=67 nS", "examples/einet/net.ein"}, [2]float64{200, 1000}, einetGroups("AI")},
	{"einet-20nS", []string{"-duration", "1s", "-set", "I.weight=20 nS", "examples/einet/net.ein"}, [2]float64{200, 1000}, einetGroups("AR")},
	{"einet-0nS", []string{"-duration", "1s", "-set", "I.weight=0 nS", "examples/einet/net.ein"}, [2]float64{200, 1000}, einetGroups("SR")},
	{"poisson-driven", []string{"validation/testdata/analysis.ein"}, [2]float64{200, 2000},
		[]analysisGroup{{Name: "N", N: 20, regime: "AI", allPairs: true}, {Name: "P", First: 20, N: 40, regime: "AI"}}},
}

// needSciPy skips t under -short and when Debian's numpy and scipy are missing.
func needSciPy(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: the Python cross-check of the analysis runs in the full suite")
	}
	if err := exec.Command(python, "-c", "import numpy, scipy.signal").Run(); err != nil {
		t.Skip("numpy and scipy not installed (apt-get install python3-scipy)")
	}
}

func TestAnalysisMatchesPython(t *testing.T) {
	needSciPy(t)
	bin := einetc(t)
	for _, c := range analysisCases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(suite.tmp, "analysis-"+c.name)
			if err := einetcRun(bin, out, c.args...); err != nil {
				t.Fatal(err)
			}
			groups := slices.Clone(c.groups)
			goRes, cfg := analyzeGo(t, out, c.window, groups)
			pyRes := analyzePython(t, cfg)
			worst, worstSpectra := 0.0, 0.0
			for name, g := range goRes {
				w, ws := compareAnalysis(t, name, g, pyRes[name])
				worst, worstSpectra = math.Max(worst, w), math.Max(worstSpectra, ws)
			}
			t.Logf("%s: largest relative difference %.1e (segment and spectral χ: %.1e)", c.name, worst, worstSpectra)
			for _, g := range groups {
				if r := goRes[g.Name]["regime"]; r != g.regime {
					t.Errorf("regime of %s is %v, want %s", g.Name, r, g.regime)
				}
				if n := goRes[g.Name]["pairwise_corr_pairs"].(float64); g.allPairs && int(n) != len(g.Pairs) {
					t.Errorf("%s: %v pairs averaged of %d", g.Name, n, len(g.Pairs))
				}
			}
		})
	}
}

// analyzeGo returns the "analysis" objects of out/summary.json and writes
// the configuration of the Python side: summary.json's parameters, the
// groups, and the pairs of the pairwise correlations, which package
// analysis draws again from spikes.csv with the same parameters (and stores
// in groups).
func analyzeGo(t *testing.T, out string, window [2]float64, groups []analysisGroup) (map[string]map[string]any, string) {
	s, err := readSpikes(filepath.Join(out, "spikes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	type entry struct {
		Name     string         `json:"name"`
		Analysis map[string]any `json:"analysis"`
	}
	var sum struct {
		Params      analysis.Params `json:"analysis_params"`
		Window      [2]float64      `json:"analysis_window_ms"`
		Populations []entry         `json:"populations"`
		Groups      []entry         `json:"groups"`
	}
	if err := json.Unmarshal(raw, &sum); err != nil {
		t.Fatal(err)
	}
	p := sum.Params
	if sum.Window != window || p.FromMs != window[0] || p.ToMs != window[1] {
		t.Fatalf("summary.json: window %v, parameters %+v, want the window %v", sum.Window, p, window)
	}
	res := map[string]map[string]any{}
	for _, e := range append(sum.Populations, sum.Groups...) {
		res[e.Name] = e.Analysis
	}
	for i := range groups {
		g := &groups[i]
		r, err := analysis.Analyze(s, g.First, g.N, p)
		if err != nil {
			t.Fatal(err)
		}
		g.Pairs = r.Series.Pairs
		if res[g.Name] == nil {
			t.Fatalf("summary.json has no analysis of %s", g.Name)
		}
	}
	cfg := struct {
		Spikes string          `json:"spikes"`
		Params analysis.Params `json:"params"`
		Groups []analysisGroup `json:"groups"`
	}{filepath.Join(out, "spikes.csv"), p, groups}
	path := filepath.Join(out, "analysis-config.json")
	b, _ := json.Marshal(cfg)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return res, path
}

func analyzePython(t *testing.T, cfg string) map[string]map[string]any {
	cmd := exec.Command(python, filepath.Join(suite.root, "validation", "scipy", "analysis.py"), cfg)
	out, err := cmd.Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("analysis.py: %v\n%s", err, stderr)
	}
	var res map[string]map[string]any
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("analysis.py: %v\n%s", err, out)
	}
	return res
}

// compareAnalysis checks that every key of the Go result has the Python
// value: numbers within analysisTol (spectraTol for the two spectral
// measures), nulls, counts and labels exactly. It returns the largest
// relative differences of the numbers held to each.
func compareAnalysis(t *testing.T, group string, g, py map[string]any) (worst, worstSpectra float64) {
	t.Helper()
	if py == nil {
		t.Errorf("%s: no Python result", group)
		return 0, 0
	}
	for key, gv := range g {
		pv, ok := py[key]
		if !ok {
			t.Errorf("%s.%s: not computed by analysis.py", group, key)
			continue
		}
		gf, gNum := gv.(float64)
		pf, pNum := pv.(float64)
		switch {
		case gNum && pNum:
			d := math.Abs(gf-pf) / math.Max(1, math.Abs(pf))
			tol := analysisTol
			if key == "segment_chi" || key == "spectral_chi" {
				tol = spectraTol
				worstSpectra = math.Max(worstSpectra, d)
			} else {
				worst = math.Max(worst, d)
			}
			if d > tol {
				t.Errorf("%s.%s: Go %.12g, Python %.12g", group, key, gf, pf)
			}
		case fmt.Sprint(gv) != fmt.Sprint(pv):
			t.Errorf("%s.%s: Go %v, Python %v", group, key, gv, pv)
		}
	}
	return worst, worstSpectra
}

// readSpikes reads a spikes.csv (t_ms,neuron).
func readSpikes(path string) (analysis.Spikes, error) {
	var s analysis.Spikes
	f, err := os.Open(path)
	if err != nil {
		return s, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if line == 1 {
			continue
		}
		a, b, _ := strings.Cut(sc.Text(), ",")
		tm, err1 := strconv.ParseFloat(a, 64)
		n, err2 := strconv.ParseInt(b, 10, 32)
		if err1 != nil || err2 != nil {
			return s, fmt.Errorf("%s:%d: not t_ms,neuron", path, line)
		}
		s.T = append(s.T, tm)
		s.Neuron = append(s.Neuron, int32(n))
	}
	return s, sc.Err()
}
