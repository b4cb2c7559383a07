package validation

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// Case 4, exact part: braincell's rules that differ from Brian2, each
// checked on testdata/rules.ein against values computed by hand. No Brian2
// needed.

const rulesDt = 0.125 // ms

// rulesRun runs testdata/rules.ein once for all the tests of this file.
var rulesRun struct {
	once sync.Once
	dir  string
	err  error
}

func runRules(t *testing.T) string {
	t.Helper()
	bin := einetc(t)
	rulesRun.once.Do(func() {
		rulesRun.dir = filepath.Join(suite.tmp, "rules")
		rulesRun.err = einetcRun(bin, filepath.Join(rulesRun.dir, "out"), "-dump-network", filepath.Join(rulesRun.dir, "dump"),
			filepath.Join(suite.root, "validation", "testdata", "rules.ein"))
	})
	if rulesRun.err != nil {
		t.Fatal(rulesRun.err)
	}
	return rulesRun.dir
}

// TestCrossingThreshold checks braincell's spike rule, crossing(θ): a spike
// when v_old ≤ θ ≤ v_new, both inclusive, with no refractory period, against
// Brian2's above(θ) (v_new > θ) without refractory period.
func TestCrossingThreshold(t *testing.T) {
	t.Parallel()
	dir := runRules(t)
	sp, err := readSpikesCSV(filepath.Join(dir, "out", "spikes.csv"), rulesDt)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := readTracesCSV(filepath.Join(dir, "out", "traces.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// Neurons 0-3 are X0-X3 (crossing), 4-5 are A0-A1 (above).
	v0 := []float64{-1, -0.9375, 1, 1, -1, -1}
	slope := []float64{0.125, 0.125, -0.125, 0.125, 0.125, -0.125}
	names := []string{"X.v[0]", "X.v[1]", "X.v[2]", "X.v[3]", "A.v[0]", "A.v[1]"}
	want := [][]int{
		{7, 8},                         // v: -0.125 -> 0 -> 0.125: both comparisons inclusive, two spikes in a row
		{7},                            // v: -0.0625 -> 0.0625
		nil,                            // downward through 0
		nil,                            // always above 0: no crossing
		{8, 9, 10, 11, 12, 13, 14, 15}, // above(0): every step with v_new > 0; v_new = 0 in step 7 is not
		nil,
	}
	rep := &rulesReport{}
	defer docs.addRules("crossing", rep)
	for k := range want {
		got := ofNeuron(sp, k)
		if !slices.Equal(got, want[k]) {
			t.Errorf("neuron %d (%s from %g mV, %+g mV/step): spikes in steps %v, want %v", k, names[k], v0[k], slope[k], got, want[k])
		}
		col, err := tr.column(names[k])
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range col {
			if w := v0[k] + slope[k]*float64(i); v != w {
				t.Fatalf("%s at step %d = %v, want exactly %v", names[k], i, v, w)
			}
		}
		rep.lines = append(rep.lines, fmt.Sprintf("| %s | %g mV, %+g mV/step | %s | %s |", names[k][:1]+fmt.Sprint(k%4), v0[k], slope[k], stepsString(want[k]), stepsString(got)))
	}
	t.Logf("spikes (step, neuron): %v", sp)
}

// TestFixedOutdegreeReplace checks fixed_outdegree(k, replace), braincell's
// EventFixedProb: exactly k contacts per presynaptic neuron, drawn
// independently with replacement, so repeated contacts and self-contacts
// occur. Small exact checks on testdata/rules.ein, and the statistics of
// examples/einet's 3200 × 80 + 800 × 80 contacts against the multinomial
// expectation.
func TestFixedOutdegreeReplace(t *testing.T) {
	t.Parallel()
	dir := runRules(t)
	rep := &rulesReport{}
	defer docs.addRules("outdegree", rep)
	self := readPairs(t, filepath.Join(dir, "dump", "Self.pairs.npy"))
	for pre := range 2 {
		n, selfN := 0, 0
		for _, p := range self {
			if p[0] == pre {
				n++
				if p[1] == pre {
					selfN++
				}
			}
		}
		if n != 50 || selfN == 0 {
			t.Errorf("Self: cell %d has %d contacts (want 50), %d onto itself (want > 0)", pre, n, selfN)
		}
	}
	fan := readPairs(t, filepath.Join(dir, "dump", "Fan.pairs.npy"))
	if len(fan) != 12 {
		t.Errorf("Fan: %d contacts, want 12", len(fan))
	}

	// examples/einet, as the tutorial runs it (seed 42).
	bin := einetc(t)
	edir := t.TempDir()
	if err := einetcRun(bin, filepath.Join(edir, "out"), "-duration", "0.1ms", "-dump-network", filepath.Join(edir, "dump"),
		filepath.Join(suite.root, "examples", "einet", "net.ein")); err != nil {
		t.Fatal(err)
	}
	for _, pr := range []struct {
		name     string
		nPre     int
		offset   int // of the presynaptic range in N
		k, nPost int
	}{{"E", 3200, 0, 80, 4000}, {"I", 800, 3200, 80, 4000}} {
		pairs := readPairs(t, filepath.Join(edir, "dump", pr.name+".pairs.npy"))
		st := outdegreeStats(pairs, pr.nPre, pr.offset, pr.nPost)
		// Expectations: a row repeats a target with probability
		// 1 - prod_{i<k}(1 - i/nPost); a contact is a self-contact with
		// probability 1/nPost; in-degrees are binomial(nPre*k, 1/nPost).
		pNoRepeat := 1.0
		for i := range pr.k {
			pNoRepeat *= 1 - float64(i)/float64(pr.nPost)
		}
		pRep := 1 - pNoRepeat
		seRep := math.Sqrt(pRep * (1 - pRep) / float64(pr.nPre))
		selfMean := float64(pr.nPre*pr.k) / float64(pr.nPost)
		inMean := float64(pr.nPre*pr.k) / float64(pr.nPost)
		inVar := inMean * (1 - 1/float64(pr.nPost))
		t.Logf("%s: %d contacts; rows with a repeated target %.4f (expected %.4f ± %.4f); self-contacts %d (expected %.0f ± %.0f); in-degree mean %.3f (exactly %g), variance %.2f (expected %.2f)",
			pr.name, len(pairs), st.repeatFrac, pRep, seRep, st.self, selfMean, math.Sqrt(selfMean), st.inMean, inMean, st.inVar, inVar)
		if st.minOut != pr.k || st.maxOut != pr.k {
			t.Errorf("%s: out-degrees between %d and %d, want exactly %d", pr.name, st.minOut, st.maxOut, pr.k)
		}
		// 5 standard errors: a failure is a bug, not bad luck (p < 1e-6).
		if math.Abs(st.repeatFrac-pRep) > 5*seRep {
			t.Errorf("%s: %.4f of the rows repeat a target, expected %.4f ± 5 × %.4f", pr.name, st.repeatFrac, pRep, seRep)
		}
		if math.Abs(float64(st.self)-selfMean) > 5*math.Sqrt(selfMean) {
			t.Errorf("%s: %d self-contacts, expected %.0f ± 5 × %.1f", pr.name, st.self, selfMean, math.Sqrt(selfMean))
		}
		if st.inMean != inMean {
			t.Errorf("%s: mean in-degree %v, want exactly %v", pr.name, st.inMean, inMean)
		}
		if math.Abs(st.inVar/inVar-1) > 0.2 {
			t.Errorf("%s: in-degree variance %.2f, expected %.2f ± 20 %%", pr.name, st.inVar, inVar)
		}
		rep.lines = append(rep.lines, fmt.Sprintf("| %s→N | %d–%d | %.4f (%.4f ± %.4f) | %d (%.0f ± %.0f) | %.2f (%.2f) | %d |",
			pr.name, st.minOut, st.maxOut, st.repeatFrac, pRep, seRep, st.self, selfMean, math.Sqrt(selfMean), st.inVar, inVar, st.maxMult))
	}
}

type outStats struct {
	minOut, maxOut int
	repeatFrac     float64
	self           int
	inMean, inVar  float64
	maxMult        int
}

func outdegreeStats(pairs [][2]int, nPre, offset, nPost int) outStats {
	rows := make([][]int, nPre)
	in := make([]float64, nPost)
	st := outStats{minOut: math.MaxInt}
	for _, p := range pairs {
		rows[p[0]] = append(rows[p[0]], p[1])
		in[p[1]]++
		if p[0]+offset == p[1] {
			st.self++
		}
	}
	repeats := 0
	for _, r := range rows {
		st.minOut, st.maxOut = min(st.minOut, len(r)), max(st.maxOut, len(r))
		slices.Sort(r)
		run := 1
		repeated := false
		for k := 1; k < len(r); k++ {
			if r[k] == r[k-1] {
				run++
				repeated = true
			} else {
				run = 1
			}
			st.maxMult = max(st.maxMult, run)
		}
		if repeated {
			repeats++
		}
	}
	st.repeatFrac = float64(repeats) / float64(nPre)
	st.inMean, _ = meanStd(in, 0)
	_, sd := meanStd(in, 0)
	st.inVar = sd * sd
	return st
}

// TestDecayThenAdd checks braincell's synapse update: a spike detected in
// step n is added, undecayed, in step n+1 after that step's decay, so the
// conductance step n+1 integrates v with is g_{n+1} = g_n·exp(-dt/τ) +
// w·(contacts that spiked in step n), and repeated contacts add up. traces
// row i holds g at the start of step i, that is the g step i-1 used.
func TestDecayThenAdd(t *testing.T) {
	t.Parallel()
	dir := runRules(t)
	rep := &rulesReport{}
	defer docs.addRules("decay", rep)
	tr, err := readTracesCSV(filepath.Join(dir, "out", "traces.csv"))
	if err != nil {
		t.Fatal(err)
	}
	fan := readPairs(t, filepath.Join(dir, "dump", "Fan.pairs.npy"))
	f := math.Exp(-rulesDt / 5)
	const w = 1.0 // nS
	// X0 spikes in steps 7 and 8.
	for j := range 3 {
		mult := 0
		for _, p := range fan {
			if p[1] == j {
				mult++
			}
		}
		// Fan (no delay): delivered in steps 8 and 9, seen in rows 9 and 10.
		want := make([]float64, 16)
		for i := 9; i < 16; i++ {
			want[i] = want[i-1] * f
			if i == 9 || i == 10 {
				want[i] += float64(mult) * w
			}
		}
		got, err := tr.column(fmt.Sprintf("Fan.g[%d]", j))
		if err != nil {
			t.Fatal(err)
		}
		d := checkSeries(t, fmt.Sprintf("Fan.g[%d] (%d contacts)", j, mult), got, want)
		// Late (delay 2 steps, one contact): delivered in steps 10 and 11.
		late := make([]float64, 16)
		for i := 11; i < 16; i++ {
			late[i] = late[i-1] * f
			if i == 11 || i == 12 {
				late[i] += w
			}
		}
		gotLate, err := tr.column(fmt.Sprintf("Late.g[%d]", j))
		if err != nil {
			t.Fatal(err)
		}
		dl := checkSeries(t, fmt.Sprintf("Late.g[%d]", j), gotLate, late)
		rep.lines = append(rep.lines, fmt.Sprintf("| S%d | %d | %s | %.1g | %s | %.1g |", j, mult,
			seriesString(got[8:12]), d, seriesString(gotLate[10:14]), dl))
	}
}

// checkSeries compares got with want: zeros exactly, the rest within the
// 10 significant digits of traces.csv. It returns the largest relative
// difference.
func checkSeries(t *testing.T, name string, got, want []float64) float64 {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d rows, want %d", name, len(got), len(want))
	}
	worst := 0.0
	for i := range want {
		if want[i] == 0 {
			if got[i] != 0 {
				t.Errorf("%s row %d = %v, want exactly 0", name, i, got[i])
			}
			continue
		}
		r := math.Abs(got[i]-want[i]) / want[i]
		worst = max(worst, r)
		if r > 1e-9 {
			t.Errorf("%s row %d = %.10g, want %.10g", name, i, got[i], want[i])
		}
	}
	return worst
}

func readPairs(t *testing.T, path string) [][2]int {
	t.Helper()
	a, err := readNPY(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.shape) != 2 || a.shape[1] != 2 {
		t.Fatalf("%s: shape %v, want (m, 2)", path, a.shape)
	}
	out := make([][2]int, a.shape[0])
	for k := range out {
		out[k] = [2]int{int(a.data[2*k]), int(a.data[2*k+1])}
	}
	return out
}

func stepsString(s []int) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Trim(fmt.Sprint(s), "[]")
}

func seriesString(x []float64) string {
	parts := make([]string, len(x))
	for k, v := range x {
		parts[k] = fmt.Sprintf("%.6g", v)
	}
	return strings.Join(parts, ", ")
}

// TestTwoPopulationsFromFile is the reproducer of a code generation bug
// found while writing testdata/rules.ein: two populations whose initial v
// comes from file() make the generated Go declare `vals, err :=` twice in
// one scope, and the simulation does not build.
func TestTwoPopulationsFromFile(t *testing.T) {
	t.Parallel()
	bin := einetc(t)
	dir := t.TempDir()
	model := `NEURON A { C = 100 (pF)  threshold = above(0 (mV))  INITIAL { v = file("v0.csv") } }
NETWORK Two { POPULATION P = A[2]  POPULATION Q = A[2] }
RUN { duration = 1 (ms)  RECORD spikes }
`
	if err := os.WriteFile(filepath.Join(dir, "net.ein"), []byte(model), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "v0.csv"), []byte("-65\n-60\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := einetcRun(bin, filepath.Join(dir, "out"), filepath.Join(dir, "net.ein"))
	if err != nil && strings.Contains(err.Error(), "no new variables on left side of :=") {
		docs.addBug(t.Name(), "two populations whose v is initialised from file() do not build (`vals, err :=` declared twice)")
		t.Skipf("known bug: two populations initialised from file() do not build: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
}
