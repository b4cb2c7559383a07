package validation

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Case 4, network part: examples/einet (braincell's E–I tutorial network)
// has the properties braincell-model.md §6.8 reports for braincell's model
// (an independent float64 re-implementation of it, not braincell output):
// first spikes at loop index 139 (13.9 ms), a population volley at about
// 14–20 ms, then asynchronous irregular firing; 11.6k–14.4k spikes per
// 100 ms across seeds at braincell's actual threshold of 0 mV, and about 4 %
// fewer at -20 mV, the tutorial's intended threshold (the example's). No
// Brian2 needed.

var einetSeeds = []int{1, 2, 3, 4, 5, 6, 7, 8}

const einetDt = 0.1

// einetRun is what one run (seed, threshold) measured.
type einetRun struct {
	Seed        int
	Threshold   float64 // mV
	Spikes      int
	FirstStep   int
	PeakMs      int     // 1 ms bin of the largest population count in [0, 30) ms
	Volley      float64 // fraction of neurons spiking in [13.9, 20) ms
	PopCV       float64 // population-rate CV, 1 ms bins, 30–100 ms
	CVISI       float64 // mean CV of ISI, 30–100 ms
	RateHz      float64 // mean rate, 30–100 ms
	MaxStepFrac float64 // largest fraction of neurons spiking in one step, 30–100 ms
	LateMax     float64 // largest 1 ms bin after 30 ms relative to the volley's peak bin
}

// einetChecks are the assertions of TestEINet, with their margins; each is
// also a row of docs/validation.md.
var einetChecks = []struct {
	name, criterion string
	ok              func(r einetRun) bool
}{
	{"first spike", "step 139 ± 1 (13.9 ms)", func(r einetRun) bool { return abs(r.FirstStep-139) <= 1 }},
	{"onset volley", "largest 1 ms population count of 0–30 ms in 14–20 ms", func(r einetRun) bool { return r.PeakMs >= 14 && r.PeakMs < 20 }},
	{"volley size", "≥ 20 % of the neurons spike in 13.9–20 ms", func(r einetRun) bool { return r.Volley >= 0.2 }},
	{"asynchronous", "30–100 ms: population-rate CV (1 ms) < 0.5 and no 1 ms bin above half the volley's peak", func(r einetRun) bool { return r.PopCV < 0.5 && r.LateMax < 0.5 }},
	// 70 ms hold 2 or 3 ISIs per neuron, which biases the CV low; a regular
	// train has a CV near 0.
	{"irregular", "30–100 ms: mean CV of ISI ≥ 0.2", func(r einetRun) bool { return r.CVISI >= 0.2 }},
	{"sparse", "30–100 ms: mean rate 10–60 Hz, at most 1 % of the neurons in any one step", func(r einetRun) bool {
		return r.RateHz >= 10 && r.RateHz <= 60 && r.MaxStepFrac <= 0.01
	}},
}

type einetReport struct {
	Runs              []einetRun
	Mean0, Min0, Max0 float64
	Ratio, RatioSE    float64
	Variants          []einetVariantResult
}

func TestEINet(t *testing.T) {
	if testing.Short() {
		t.Skipf("-short: simulates the 4000-neuron E–I network for %d seeds × 2 thresholds", len(einetSeeds))
	}
	t.Parallel()
	bin := einetc(t)
	dir := t.TempDir()
	model := filepath.Join(suite.root, "examples", "einet", "net.ein")
	rep := &einetReport{}
	defer docs.setEINet(rep)
	for _, th := range []float64{0, -20} {
		for _, seed := range einetSeeds {
			out := filepath.Join(dir, fmt.Sprintf("s%d_%g", seed, th))
			if err := einetcRun(bin, out, "-seed", fmt.Sprint(seed), "-set", fmt.Sprintf("N.threshold=%g mV", th), model); err != nil {
				t.Fatal(err)
			}
			sp, err := readSpikesCSV(filepath.Join(out, "spikes.csv"), einetDt)
			if err != nil {
				t.Fatal(err)
			}
			r := measureEINet(sp, seed, th)
			rep.Runs = append(rep.Runs, r)
			t.Logf("seed %d, θ = %g mV: %d spikes, first in step %d, peak at %d ms, volley %.0f %%, then %.1f Hz, population CV %.2f, CV ISI %.2f, at most %.2f %% per step",
				seed, th, r.Spikes, r.FirstStep, r.PeakMs, 100*r.Volley, r.RateHz, r.PopCV, r.CVISI, 100*r.MaxStepFrac)
			for _, c := range einetChecks {
				if !c.ok(r) {
					t.Errorf("seed %d, θ = %g mV: %s fails: %s", seed, th, c.name, c.criterion)
				}
			}
		}
	}
	// Spike counts at 0 mV: the mean over seeds within the reported range,
	// every seed within it widened by 10 %.
	n := len(einetSeeds)
	counts0 := make([]float64, n)
	ratios := make([]float64, n)
	for k := range n {
		counts0[k] = float64(rep.Runs[k].Spikes)
		ratios[k] = float64(rep.Runs[n+k].Spikes) / counts0[k]
	}
	rep.Mean0, _ = meanStd(counts0, 1)
	rep.Min0, rep.Max0 = minMax(counts0)
	if rep.Mean0 < 11600 || rep.Mean0 > 14400 {
		t.Errorf("θ = 0 mV: %.0f spikes per 100 ms on average over %d seeds, outside 11600–14400", rep.Mean0, n)
	}
	if rep.Min0 < 0.9*11600 || rep.Max0 > 1.1*14400 {
		t.Errorf("θ = 0 mV: spike counts %.0f–%.0f, outside 10440–15840 (11.6k–14.4k ± 10 %%)", rep.Min0, rep.Max0)
	}
	// -20 mV: about 4 % fewer. A seed's two runs diverge after the first
	// spikes (the threshold changes when spikes are detected), so only the
	// mean ratio over seeds means anything, and one run's ratio varies by
	// about 7 %: the mean must be 0.96 within three standard errors.
	var sd float64
	rep.Ratio, sd = meanStd(ratios, 1)
	rep.RatioSE = sd / math.Sqrt(float64(n))
	t.Logf("θ = 0 mV: %.0f spikes on average (%.0f–%.0f); θ = -20 mV / 0 mV: %.3f ± %.3f (SE)", rep.Mean0, rep.Min0, rep.Max0, rep.Ratio, rep.RatioSE)
	if d := math.Abs(rep.Ratio - 0.96); d > 3*rep.RatioSE {
		t.Errorf("spikes at -20 mV / at 0 mV = %.3f ± %.3f, expected 0.96 within 3 standard errors", rep.Ratio, rep.RatioSE)
	}
	einetSensitivity(t, bin, dir, model, rep)
}

// einetVariants are braincell-model.md §6.8's sensitivity checks, at 0 mV,
// each over einetSensitivitySeeds: the onset (first spike) and the spikes
// per 100 ms.
var einetVariants = []struct {
	name, reported string
	args           []string
	steady         bool // gates start at their steady state
	onset          int  // expected first spike step (±1), -1: not checked
	spikesLo       int  // expected mean spike count range
	spikesHi       int
}{
	{"classic 10 nS leak", "onset 15.6 ms, similar rates", []string{"-set", "N.IL.g_max=0.05 mS/cm2"}, false, 156, 9000, 16000},
	{"steady-state gates", "onset 10.5 ms", nil, true, 105, 9000, 16000},
	{"no synapses", "about 1.6k spikes, decaying", []string{"-set", "E.weight=0 nS", "-set", "I.weight=0 nS"}, false, 139, 1450, 1750},
}

var einetSensitivitySeeds = []int{1, 2, 3}

type einetVariantResult struct {
	Name, Reported string
	Onsets         []int
	Spikes         []int
	LastQuarter    float64 // spikes in 75–100 ms / spikes in 25–50 ms (no synapses: decaying)
}

func einetSensitivity(t *testing.T, bin, dir, model string, rep *einetReport) {
	src, err := os.ReadFile(model)
	if err != nil {
		t.Fatal(err)
	}
	const init = "INITIAL { v = uniform(-70 (mV), -60 (mV)) }"
	steady := strings.Replace(string(src), init,
		"INITIAL { v = uniform(-70 (mV), -60 (mV))  INa_TM1991.p = steady  INa_TM1991.q = steady  IK_TM1991.p = steady }", 1)
	if steady == string(src) {
		t.Fatalf("examples/einet/net.ein has no line %q to make the gates start at their steady state", init)
	}
	steadyModel := filepath.Join(dir, "steady.ein")
	if err := os.WriteFile(steadyModel, []byte(steady), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, v := range einetVariants {
		res := einetVariantResult{Name: v.name, Reported: v.reported}
		var early, late int
		for _, seed := range einetSensitivitySeeds {
			out := filepath.Join(dir, fmt.Sprintf("%s-%d", strings.ReplaceAll(v.name, " ", "_"), seed))
			m := model
			if v.steady {
				m = steadyModel
			}
			args := append([]string{"-seed", fmt.Sprint(seed), "-set", "N.threshold=0 mV"}, v.args...)
			if err := einetcRun(bin, out, append(args, m)...); err != nil {
				t.Fatal(err)
			}
			sp, err := readSpikesCSV(filepath.Join(out, "spikes.csv"), einetDt)
			if err != nil {
				t.Fatal(err)
			}
			first := -1
			if len(sp) > 0 {
				first = sp[0].step
			}
			res.Onsets, res.Spikes = append(res.Onsets, first), append(res.Spikes, len(sp))
			for _, x := range sp {
				switch {
				case x.step >= 250 && x.step < 500:
					early++
				case x.step >= 750:
					late++
				}
			}
			if v.onset >= 0 && abs(first-v.onset) > 1 {
				t.Errorf("%s, seed %d: first spike in step %d, reported %d (± 1)", v.name, seed, first, v.onset)
			}
		}
		res.LastQuarter = float64(late) / float64(early)
		mean := 0.0
		for _, c := range res.Spikes {
			mean += float64(c) / float64(len(res.Spikes))
		}
		t.Logf("%s: onsets %v, spikes %v (mean %.0f), 75–100 ms / 25–50 ms = %.2f; braincell-model.md: %s", v.name, res.Onsets, res.Spikes, mean, res.LastQuarter, v.reported)
		if mean < float64(v.spikesLo) || mean > float64(v.spikesHi) {
			t.Errorf("%s: %.0f spikes on average, outside %d–%d", v.name, mean, v.spikesLo, v.spikesHi)
		}
		if v.name == "no synapses" && !(res.LastQuarter < 0.8) {
			t.Errorf("no synapses: activity does not decay (75–100 ms / 25–50 ms = %.2f)", res.LastQuarter)
		}
		rep.Variants = append(rep.Variants, res)
	}
}

func measureEINet(sp []spike, seed int, th float64) einetRun {
	const n, steps = 4000, 1000
	r := einetRun{Seed: seed, Threshold: th, Spikes: len(sp), FirstStep: -1}
	if len(sp) > 0 {
		r.FirstStep = sp[0].step
	}
	bins := make([]float64, 100)
	perStep := make([]int, steps)
	inVolley := map[int]bool{}
	for _, x := range sp {
		bins[x.step/10]++
		perStep[x.step]++
		if x.step >= 139 && x.step < 200 {
			inVolley[x.neuron] = true
		}
	}
	for b := range 30 {
		if bins[b] > bins[r.PeakMs] {
			r.PeakMs = b
		}
	}
	r.Volley = float64(len(inVolley)) / n
	late := bins[30:]
	m, sd := meanStd(late, 0)
	r.PopCV = sd / m
	_, hi := minMax(late)
	r.LateMax = hi / bins[r.PeakMs]
	for _, c := range perStep[300:] {
		r.MaxStepFrac = math.Max(r.MaxStepFrac, float64(c)/n)
	}
	st := computeStats(sp, n, n, 300, steps, einetDt)
	r.CVISI, r.RateHz = st.CVISI, st.RateE
	return r
}

func minMax(x []float64) (float64, float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range x {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return lo, hi
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
