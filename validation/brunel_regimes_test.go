package validation

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Brunel's regimes (docs/analysis.md, "Brunel's regimes"): the four points
// of figure 8 of Brunel (2000) run with examples/brunel for 2 s as the
// documented sweep does (A for 1 s: its clock-like state is the same from
// the first cycles, and it costs the most), each checked against what the
// paper shows, and named by einetc's analysis as the paper names them. The
// bounds hold for seeds 1-3 with a margin.

// brunelPoint is one panel of the paper's figure 8.
type brunelPoint struct {
	panel            string
	g, eta           float64
	duration         string
	regime           string  // the paper's name, and einetc's for population P
	minSeg, maxSeg   float64 // bounds of the segment χ
	minSpec, maxSpec float64 // bounds of the spectral χ
	specLo, specHi   float64 // its frequency (Hz)
	minRate, maxRate float64 // Hz
}

var brunelPoints = []brunelPoint{
	// A: SR, neurons fire regularly and together, near saturation (one
	// spike per refractory period plus delay, 3.2 ms: 312.5 Hz, shared at
	// 625 Hz; 500 Hz, 1/τ_rp, and the spectrum's 1 kHz could not fail).
	{panel: "A (SR)", g: 3, eta: 2, duration: "1s", regime: "SR", minSeg: 0.4, maxSeg: 1, minSpec: 0.9, maxSpec: 1, specLo: 600, specHi: 650, minRate: 300, maxRate: 320},
	// B: SI fast: a global oscillation near 180 Hz that the neurons share,
	// each firing on a fraction of its cycles.
	{panel: "B (SI fast)", g: 6, eta: 4, duration: "2s", regime: "SI", minSeg: 0, maxSeg: 0.25, minSpec: 0.6, maxSpec: 1, specLo: 150, specHi: 220, minRate: 30, maxRate: 100},
	// C: AI, stationary global activity (a weak finite-size resonance,
	// 113-125 Hz over seeds 1-3).
	{panel: "C (AI)", g: 5, eta: 2, duration: "2s", regime: "AI", minSeg: 0, maxSeg: 0.16, minSpec: 0, maxSpec: 0.4, specLo: 90, specHi: 160, minRate: 20, maxRate: 60},
	// D: SI slow: a slow global oscillation, neurons fire rarely.
	{panel: "D (SI slow)", g: 4.5, eta: 0.9, duration: "2s", regime: "SI", minSeg: 0.22, maxSeg: 0.5, minSpec: 0.3, maxSpec: 0.7, specLo: 10, specHi: 40, minRate: 1, maxRate: 15},
}

func TestBrunelRegimes(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: simulates Brunel's network (12 500 neurons, 100 000 Poisson sources) at four points for 1-2 s")
	}
	t.Parallel()
	bin := einetc(t)
	dir := t.TempDir()
	model := filepath.Join(suite.root, "examples", "brunel", "net.ein")
	for i, p := range brunelPoints {
		t.Run(p.panel, func(t *testing.T) {
			out := filepath.Join(dir, fmt.Sprint(i))
			if err := einetcRun(bin, out, "-duration", p.duration, "-seed", "1",
				"-set", fmt.Sprintf("I.weight=%g mV", -p.g*0.1), "-set", fmt.Sprintf("Ext.rate=%g Hz", p.eta*10), model); err != nil {
				t.Fatal(err)
			}
			a := brunelAnalysis(t, out)
			t.Logf("g=%g eta=%g: rate %.1f Hz, CV ISI %.2f, segment χ %.2f, spectral χ %.2f at %.0f Hz, %s",
				p.g, p.eta, a.Rate, a.CV, a.Seg, a.Spec, a.SpecHz, a.Regime)
			if a.Regime != p.regime {
				t.Errorf("regime %s, want %s", a.Regime, p.regime)
			}
			if a.Seg < p.minSeg || a.Seg > p.maxSeg {
				t.Errorf("segment χ = %.3f, want it in [%g, %g]", a.Seg, p.minSeg, p.maxSeg)
			}
			if a.Spec < p.minSpec || a.Spec > p.maxSpec || a.SpecHz < p.specLo || a.SpecHz > p.specHi {
				t.Errorf("spectral χ %.3f at %.1f Hz, want it in [%g, %g] at [%g, %g] Hz", a.Spec, a.SpecHz, p.minSpec, p.maxSpec, p.specLo, p.specHi)
			}
			if a.Rate < p.minRate || a.Rate > p.maxRate {
				t.Errorf("mean rate %.1f Hz, want it in [%g, %g]", a.Rate, p.minRate, p.maxRate)
			}
		})
	}
}

type brunelResult struct {
	Rate   float64 `json:"mean_rate_hz"`
	CV     float64 `json:"cv_isi"`
	Seg    float64 `json:"segment_chi"`
	Spec   float64 `json:"spectral_chi"`
	SpecHz float64 `json:"spectral_chi_hz"`
	Regime string  `json:"regime"`
}

// brunelAnalysis returns the analysis of population P from out/summary.json.
func brunelAnalysis(t *testing.T, out string) brunelResult {
	raw, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sum struct {
		Populations []struct {
			Name     string       `json:"name"`
			Analysis brunelResult `json:"analysis"`
		} `json:"populations"`
	}
	if err := json.Unmarshal(raw, &sum); err != nil {
		t.Fatal(err)
	}
	for _, p := range sum.Populations {
		if p.Name == "P" {
			return p.Analysis
		}
	}
	t.Fatal("summary.json has no population P")
	return brunelResult{}
}
