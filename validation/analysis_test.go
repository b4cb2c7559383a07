package validation

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
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
// regular) and 0 nS (saturated, synchronous), 1 s each. Every number agrees
// within analysisTol relative (both sides compute in float64; only the
// order of the sums differs), every count and every regime label exactly.

// analysisTol is the relative tolerance of every real-valued metric (on
// max(1, |value|), so that values near 0 are compared absolutely).
const analysisTol = 1e-12

var analysisCases = []struct{ name, weight string }{
	{"AI", "67 nS"}, {"AR", "20 nS"}, {"saturated", "0 nS"},
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
			if err := einetcRun(bin, out, "-duration", "1s", "-set", "I.weight="+c.weight, "examples/einet/net.ein"); err != nil {
				t.Fatal(err)
			}
			goRes, cfg := analyzeGo(t, out)
			pyRes := analyzePython(t, cfg)
			worst := 0.0
			for name, g := range goRes {
				worst = math.Max(worst, compareAnalysis(t, name, g, pyRes[name]))
			}
			t.Logf("I.weight = %s: largest relative difference %.1e", c.weight, worst)
			if r := goRes["N"]["regime"]; r != c.name {
				t.Errorf("regime of N at %s is %v, want %s", c.weight, r, c.name)
			}
		})
	}
}

// analyzeGo returns the "analysis" objects of out/summary.json (the
// population N, the groups E and I) and writes the configuration of the
// Python side: summary.json's parameters, the groups, and the pairs of the
// pairwise correlations, which package analysis draws again from
// spikes.csv with the same parameters.
func analyzeGo(t *testing.T, out string) (map[string]map[string]any, string) {
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
	if sum.Window != [2]float64{analysis.DefaultFrom(1000), 1000} || p.FromMs != sum.Window[0] || p.ToMs != sum.Window[1] {
		t.Fatalf("summary.json: window %v, parameters %+v", sum.Window, p)
	}
	res := map[string]map[string]any{}
	for _, e := range append(sum.Populations, sum.Groups...) {
		res[e.Name] = e.Analysis
	}
	type group struct {
		Name  string     `json:"name"`
		First int        `json:"first"`
		N     int        `json:"n"`
		Pairs [][2]int32 `json:"pairs"`
	}
	cfg := struct {
		Spikes string          `json:"spikes"`
		Params analysis.Params `json:"params"`
		Groups []group         `json:"groups"`
	}{Spikes: filepath.Join(out, "spikes.csv"), Params: p}
	for _, g := range []group{{Name: "N", N: 4000}, {Name: "E", N: 3200}, {Name: "I", First: 3200, N: 800}} {
		r, err := analysis.Analyze(s, g.First, g.N, p)
		if err != nil {
			t.Fatal(err)
		}
		g.Pairs = r.Series.Pairs
		cfg.Groups = append(cfg.Groups, g)
		if res[g.Name] == nil {
			t.Fatalf("summary.json has no analysis of %s", g.Name)
		}
	}
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
// value: numbers within analysisTol, nulls, counts and labels exactly. It
// returns the largest relative difference.
func compareAnalysis(t *testing.T, group string, g, py map[string]any) (worst float64) {
	t.Helper()
	if py == nil {
		t.Errorf("%s: no Python result", group)
		return 0
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
			worst = math.Max(worst, d)
			if d > analysisTol {
				t.Errorf("%s.%s: Go %.12g, Python %.12g", group, key, gf, pf)
			}
		case fmt.Sprint(gv) != fmt.Sprint(pv):
			t.Errorf("%s.%s: Go %v, Python %v", group, key, gv, pv)
		}
	}
	return worst
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
