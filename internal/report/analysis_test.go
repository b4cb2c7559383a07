package report

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/einetc/einetc/analysis"
)

// Tick labels carry the decimals their step needs and no more.
func TestNiceTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		want   string
	}{
		{0, 259, "0 50 100 150 200 250"},
		{200, 1000, "200 400 600 800 1000"},
		{0, 0.35, "0 0.1 0.2 0.3"},
		{129.5, 259, "150 200 250"},
		{-1, 1, "-1 -0.5 0 0.5 1"},
		{0, 4000, "0 1000 2000 3000 4000"},
	} {
		var labels []string
		for _, tk := range (niceTicks{}).Ticks(c.lo, c.hi) {
			if tk.Label != "" {
				labels = append(labels, tk.Label)
			}
		}
		if got := strings.Join(labels, " "); got != c.want {
			t.Errorf("ticks of [%g, %g]: %q, want %q", c.lo, c.hi, got, c.want)
		}
	}
}

// Log axes are labelled at clean powers of ten, at most about seven of them.
func TestLogTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		want   string
	}{
		{0.002, 30, "0.001 0.01 0.1 1 10 100"},
		{1e-33, 1000, "1e-33 1e-27 1e-21 1e-15 1e-09 0.001 1000"},
	} {
		var labels []string
		for _, tk := range (logTicks{}).Ticks(c.lo, c.hi) {
			if tk.Label != "" {
				labels = append(labels, tk.Label)
			}
		}
		if got := strings.Join(labels, " "); got != c.want {
			t.Errorf("log ticks of [%g, %g]: %q, want %q", c.lo, c.hi, got, c.want)
		}
	}
}

// AnalysisFigure writes analysis.png and .svg with every panel's axis label.
func TestAnalysisFigure(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	var s Spikes
	for k := 0; k < 20000; k++ {
		s.T = append(s.T, float64(k)*0.05)
		s.Neuron = append(s.Neuron, int32(rng.IntN(100)))
	}
	parts := []Pop{{Name: "E", Type: "group of N", Offset: 0, Size: 80}, {Name: "I", Type: "group of N", Offset: 80, Size: 20}}
	p := analysis.DefaultParams(200, 1000)
	var rs []*analysis.Result
	for _, g := range parts {
		r, err := analysis.Analyze(analysis.Spikes{Neuron: s.Neuron, T: s.T}, g.Offset, g.Size, p)
		if err != nil {
			t.Fatal(err)
		}
		rs = append(rs, &r)
	}
	base := filepath.Join(t.TempDir(), "analysis")
	if err := AnalysisFigure(base, "test", &s, parts, rs, p); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(base + ".png"); err != nil || fi.Size() < 10000 {
		t.Fatalf("analysis.png: %v, %v", fi, err)
	}
	svg, err := os.ReadFile(base + ".svg")
	if err != nil {
		t.Fatal(err)
	}
	for _, label := range []string{"time (ms)", "frequency (Hz)", "power (Hz²/Hz)", "interval (ms)", "fraction of intervals", "rate (Hz)", "fraction of neurons", "neuron index", "E (80): AI"} {
		if !strings.Contains(string(svg), label) {
			t.Errorf("analysis.svg has no %q", label)
		}
	}
	// A silent run has empty panels (and no log axis without data).
	for i := range rs {
		r, err := analysis.Analyze(analysis.Spikes{}, parts[i].Offset, parts[i].Size, p)
		if err != nil {
			t.Fatal(err)
		}
		rs[i] = &r
	}
	if err := AnalysisFigure(base, "silent", &Spikes{}, parts, rs, p); err != nil {
		t.Fatal(err)
	}
}
