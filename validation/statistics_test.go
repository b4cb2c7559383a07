package validation

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
)

// Case 3: the statistics of the classic COBAHH network (examples/cobahh,
// 4000 neurons) over 2 s, the first 200 ms discarded, einetc against Brian2's
// examples/COBAHH.py (brian/cobahh.py), three independent seeds each. The
// two simulators draw different networks and initial states (different
// random generators), so only statistics can agree.

const (
	statsDurationMs = 2000
	statsDiscardMs  = 200
	statsDt         = 0.1
	// statsK is the agreement criterion: for every statistic, the means over
	// the seeds of the two simulators differ by at most statsK times the
	// larger of their seed-to-seed standard deviations (sample standard
	// deviations, n-1, over statsSeeds). With 3 seeds a standard deviation
	// has 2 degrees of freedom and is often half the true one, hence 3 rather
	// than 2.
	statsK = 3.0
)

var statsSeeds = []int{1, 2, 3}

type statsResult struct {
	E, B        []netStats // per seed
	MeanE, SdE  []float64  // per statistic
	MeanB, SdB  []float64
	Diff, Bound []float64
}

func TestStatistics(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: case 3 simulates 2 × 3 × 2 s of a 4000-neuron network")
	}
	t.Parallel()
	needBrian(t)
	bin := einetc(t)
	dir := t.TempDir()
	proj := brianProject(t, "cobahh")
	seeds := make([]string, len(statsSeeds))
	for k, s := range statsSeeds {
		seeds[k] = fmt.Sprint(s)
	}
	var g goErr
	g.Go(func() error {
		line, err := brian("cobahh.py", "--out", filepath.Join(dir, "brian"), "--project", proj,
			"--duration", fmt.Sprint(statsDurationMs), "--seeds", strings.Join(seeds, ","))
		t.Log(line)
		return err
	})
	model := filepath.Join(suite.root, "examples", "cobahh", "net.ein")
	var runErr error
	for _, s := range seeds { // one einetc run at a time, next to Brian2's
		if runErr == nil {
			runErr = einetcRun(bin, filepath.Join(dir, "einetc", s), "-seed", s, "-duration", fmt.Sprintf("%dms", statsDurationMs), model)
		}
	}
	if err := g.Wait(); err != nil || runErr != nil {
		t.Fatal(errors.Join(runErr, err))
	}
	res := &statsResult{}
	defer docs.setStats(res)
	from, to := int(statsDiscardMs/statsDt), int(statsDurationMs/statsDt)
	for _, s := range seeds {
		es, err := readSpikesCSV(filepath.Join(dir, "einetc", s, "spikes.csv"), statsDt)
		if err != nil {
			t.Fatal(err)
		}
		bs, err := readSpikesNPY(filepath.Join(dir, "brian", "seed"+s+".spikes.npy"))
		if err != nil {
			t.Fatal(err)
		}
		res.E = append(res.E, computeStats(es, 3200, 4000, from, to, statsDt))
		res.B = append(res.B, computeStats(bs, 3200, 4000, from, to, statsDt))
		t.Logf("seed %s: einetc %s", s, fmtStats(res.E[len(res.E)-1]))
		t.Logf("seed %s: Brian2 %s", s, fmtStats(res.B[len(res.B)-1]))
	}
	for j, name := range statNames {
		xe, xb := column(res.E, j), column(res.B, j)
		me, se := meanStd(xe, 1)
		mb, sb := meanStd(xb, 1)
		d, bound := math.Abs(me-mb), statsK*math.Max(se, sb)
		res.MeanE, res.SdE, res.MeanB, res.SdB = append(res.MeanE, me), append(res.SdE, se), append(res.MeanB, mb), append(res.SdB, sb)
		res.Diff, res.Bound = append(res.Diff, d), append(res.Bound, bound)
		t.Logf("%-26s einetc %.4g ± %.2g, Brian2 %.4g ± %.2g: |Δ| = %.2g (%.2f of the bound %.2g)", name, me, se, mb, sb, d, d/bound, bound)
		if !(d <= bound) {
			t.Errorf("%s: the means differ by %.3g, more than %g × the larger seed-to-seed standard deviation (%.3g)", name, d, statsK, bound)
		}
	}
}

func column(s []netStats, j int) []float64 {
	out := make([]float64, len(s))
	for k := range s {
		out[k] = s[k].values()[j]
	}
	return out
}

func fmtStats(s netStats) string {
	return fmt.Sprintf("rates E/I %.2f/%.2f Hz, CV ISI %.3f (%d neurons), population CV %.3f, Fano %.3f",
		s.RateE, s.RateI, s.CVISI, s.CVNeurons, s.PopCV, s.Fano)
}
