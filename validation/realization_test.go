package validation

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Case 2: one realization of examples/cobahh (connectivity and initial
// states dumped by einetc run -dump-network) simulated by both simulators for
// 200 ms. Brian2 uses the exact spelling of the rates (brian/tm.py), so that
// only the two simulators' step rules and rounding differ.

const (
	realDurationMs = 200
	realRecord     = 20  // v of neurons 0..19 is compared at every step
	realDt         = 0.1 // ms, the example's
	// realIdentical is how long the rasters must stay identical (steps):
	// rounding differences cannot flip a threshold decision this early.
	realIdentical = 200 // 20 ms
	realTol       = 1e-6
)

// realVariants are Brian2's initial synaptic conductances: asdumped loads
// ge = Pe.g and gi = Pi.g as dumped — the very same arrays, which is what
// docs/simulation.md says is the identical simulation (einetc's first step
// uses the initial conductances undecayed, as Brian2's does). An earlier
// einetc decayed them before the first step; the suite found it, and a
// "matched" variant (Pe.g·exp(−dt/τ)) showed that this was the only
// difference. It is kept below, expected to differ, as the regression check.
var realVariants = []string{"asdumped", "matched"}

type realResult struct {
	Variant          string
	FirstDiff        int // first step whose spikes differ, -1 if none
	MaxDv            float64
	MaxDvStep        int
	StepsCompared    int
	SpikesE, SpikesB int
	StatsE, StatsB   netStats // over the whole run
	KnownBug         string
	E, B             []spike // the rasters, for the plot
}

func TestRealization(t *testing.T) {
	t.Parallel()
	needBrian(t)
	bin := einetc(t)
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join(suite.root, "examples", "cobahh", "net.ein"))
	if err != nil {
		t.Fatal(err)
	}
	rec := fmt.Sprintf("RECORD spikes\n  RECORD P.v[0:%d]", realRecord)
	text := strings.Replace(string(src), "RECORD spikes", rec, 1)
	if text == string(src) {
		t.Fatal("examples/cobahh/net.ein has no RECORD spikes line to add the v traces to")
	}
	model := filepath.Join(dir, "cobahh.ein")
	if err := os.WriteFile(model, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	dump, eout, bout := filepath.Join(dir, "dump"), filepath.Join(dir, "einetc"), filepath.Join(dir, "brian")
	if err := einetcRun(bin, eout, "-duration", fmt.Sprintf("%dms", realDurationMs), "-dump-network", dump, model); err != nil {
		t.Fatal(err)
	}
	args := []string{"--dump", dump, "--out", bout, "--project", brianProject(t, "realization"),
		"--duration", fmt.Sprint(realDurationMs), "--record", fmt.Sprint(realRecord)}
	for _, v := range realVariants {
		args = append(args, "--variant", v+":exact:"+v)
	}
	line, err := brian("realization.py", args...)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(line)
	es, err := readSpikesCSV(filepath.Join(eout, "spikes.csv"), realDt)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := readTracesCSV(filepath.Join(eout, "traces.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range realVariants {
		t.Run(v, func(t *testing.T) {
			res := &realResult{Variant: v, E: es}
			defer docs.addRealization(res)
			compareRealization(t, filepath.Join(bout, v), es, tr, res)
		})
	}
}

func compareRealization(t *testing.T, bbase string, es []spike, tr *traces, res *realResult) {
	bs, err := readSpikesNPY(bbase + ".spikes.npy")
	if err != nil {
		t.Fatal(err)
	}
	bv, err := readNPY(bbase + ".v.npy")
	if err != nil {
		t.Fatal(err)
	}
	res.B = bs
	steps := int(math.Round(realDurationMs / realDt))
	res.FirstDiff = firstDifference(es, bs)
	res.StepsCompared = steps
	if res.FirstDiff >= 0 {
		res.StepsCompared = res.FirstDiff + 1 // v of the first step that differs is still the same
	}
	bcol := bv.columns()
	for k := range realRecord {
		d, at := maxAbsDiff(tr.col[k][:res.StepsCompared], bcol[k][:res.StepsCompared])
		if d > res.MaxDv || math.IsNaN(d) {
			res.MaxDv, res.MaxDvStep = d, at
		}
	}
	res.SpikesE, res.SpikesB = len(es), len(bs)
	res.StatsE = computeStats(es, 3200, 4000, 0, steps, realDt)
	res.StatsB = computeStats(bs, 3200, 4000, 0, steps, realDt)
	first := "none"
	if res.FirstDiff >= 0 {
		first = fmt.Sprintf("step %d (t = %.1f ms)", res.FirstDiff, float64(res.FirstDiff)*realDt)
	}
	t.Logf("first differing step: %s; max |Δv| of neurons 0-%d up to it: %.2g mV (step %d); spikes einetc %d, Brian2 %d",
		first, realRecord-1, res.MaxDv, res.MaxDvStep, res.SpikesE, res.SpikesB)
	t.Logf("rates E/I (Hz): einetc %.2f/%.2f, Brian2 %.2f/%.2f", res.StatsE.RateE, res.StatsE.RateI, res.StatsB.RateE, res.StatsB.RateI)

	early := res.FirstDiff >= 0 && res.FirstDiff < realIdentical
	if res.Variant == "matched" {
		// Brian2 starts from decayed conductances that einetc does not use:
		// the two must differ early, or einetc decays step 0 again.
		if !early {
			t.Errorf("with Brian2 starting from g0·exp(−dt/τ) the rasters agree: einetc decays the initial conductances in step 0 again")
		}
		return
	}
	if early {
		t.Errorf("rasters differ from %s, before %d ms: a difference in the step rules, not rounding", first, realIdentical/10)
	}
	if !(res.MaxDv <= realTol) {
		t.Errorf("|Δv| = %.3g mV at step %d exceeds %g mV before the rasters diverge", res.MaxDv, res.MaxDvStep, realTol)
	}
	// After a divergence the two rasters are two samples of the same
	// dynamics; the mean rates of one 200 ms run vary by about 5 % from
	// realization to realization (case 3), so 10 % is generous.
	for _, p := range [][2]float64{{res.StatsE.RateE, res.StatsB.RateE}, {res.StatsE.RateI, res.StatsB.RateI}} {
		if math.Abs(p[0]-p[1]) > 0.1*p[1] {
			t.Errorf("mean rates differ by more than 10 %%: einetc %.2f Hz, Brian2 %.2f Hz", p[0], p[1])
		}
	}
}
