package validation

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Brunel's regimes (docs/analysis.md, "Brunel's regimes"): the four points
// of figure 8 of Brunel (2000) run with examples/brunel, each checked
// against what the paper shows, and the regime that einetc's analysis
// names. The names are those found for seeds 1-3 (every seed the same);
// where they differ from the paper's, docs/analysis.md says why.

// brunelPoint is one panel of the paper's figure 8.
type brunelPoint struct {
	panel        string
	g, eta       float64
	regime       string  // einetc's label for population P
	minChi       float64 // lower bound of χ
	maxChi       float64
	peakLo       float64 // PSD peak (Hz) within [peakLo, peakHi]
	peakHi       float64
	minPeakShare float64 // share of the power in the peak
	maxRate      float64 // Hz
	minRate      float64
}

var brunelPoints = []brunelPoint{
	// A: SR, neurons fire regularly and together, near saturation (one
	// spike per refractory period plus delay).
	{panel: "A (SR)", g: 3, eta: 2, regime: "saturated", minChi: 0.5, maxChi: 1, peakLo: 250, peakHi: 1000, minPeakShare: 0.3, minRate: 250, maxRate: 500},
	// B: SI fast: a global oscillation near 180 Hz, neurons fire on a
	// fraction of its cycles.
	{panel: "B (SI fast)", g: 6, eta: 4, regime: "AI", minChi: 0.1, maxChi: 0.5, peakLo: 150, peakHi: 220, minPeakShare: 0.3, minRate: 30, maxRate: 100},
	// C: AI, stationary global activity.
	{panel: "C (AI)", g: 5, eta: 2, regime: "AR", minChi: 0, maxChi: 0.2, peakLo: 0, peakHi: 1000, minPeakShare: 0, minRate: 20, maxRate: 60},
	// D: SI slow: a slow global oscillation, neurons fire rarely.
	{panel: "D (SI slow)", g: 4.5, eta: 0.9, regime: "AI", minChi: 0.15, maxChi: 0.5, peakLo: 10, peakHi: 40, minPeakShare: 0.1, minRate: 1, maxRate: 15},
}

func TestBrunelRegimes(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: simulates Brunel's network (12 500 neurons, 100 000 Poisson sources) at four points for 600 ms")
	}
	t.Parallel()
	bin := einetc(t)
	dir := t.TempDir()
	model := filepath.Join(suite.root, "examples", "brunel", "net.ein")
	for i, p := range brunelPoints {
		t.Run(p.panel, func(t *testing.T) {
			out := filepath.Join(dir, fmt.Sprint(i))
			if err := einetcRun(bin, out, "-duration", "600ms", "-seed", "1",
				"-set", fmt.Sprintf("I.weight=%g mV", -p.g*0.1), "-set", fmt.Sprintf("Ext.rate=%g Hz", p.eta*10), model); err != nil {
				t.Fatal(err)
			}
			a := brunelAnalysis(t, out)
			t.Logf("g=%g eta=%g: rate %.1f Hz, CV ISI %.2f, χ %.2f, PSD peak %.0f Hz (%.2f of the power), %s",
				p.g, p.eta, a.Rate, a.CV, a.Chi, a.Peak, a.Share, a.Regime)
			if a.Regime != p.regime {
				t.Errorf("regime %s, want %s", a.Regime, p.regime)
			}
			if a.Chi < p.minChi || a.Chi > p.maxChi {
				t.Errorf("χ = %.3f, want it in [%g, %g]", a.Chi, p.minChi, p.maxChi)
			}
			if a.Peak < p.peakLo || a.Peak > p.peakHi || a.Share < p.minPeakShare {
				t.Errorf("PSD peak at %.1f Hz with %.2f of the power, want it in [%g, %g] Hz with at least %g", a.Peak, a.Share, p.peakLo, p.peakHi, p.minPeakShare)
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
	Chi    float64 `json:"synchrony_chi"`
	Peak   float64 `json:"psd_peak_hz"`
	Share  float64 `json:"psd_peak_rel_power"`
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
