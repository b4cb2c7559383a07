package golden_test

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/einetc/einetc/golden/hetero"
)

// newHetero builds golden/hetero, whose data files are in its directory.
func newHetero(p hetero.Params) (*hetero.Model, error) {
	p.DataDir = "hetero"
	return hetero.New(p)
}

// readColumn reads the values of a one-column CSV file with a header.
func readColumn(t *testing.T, name string) []float64 {
	t.Helper()
	rows := readCSV(t, name)
	out := make([]float64, len(rows))
	for k, r := range rows {
		v, err := strconv.ParseFloat(r[0], 64)
		if err != nil {
			t.Fatal(err)
		}
		out[k] = v
	}
	return out
}

func readCSV(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[1:]
}

func stateArray(t *testing.T, m *hetero.Model, name string) []float64 {
	t.Helper()
	for _, a := range m.StateArrays() {
		if a.Name == name {
			return a.Data
		}
	}
	t.Fatalf("no state array %s", name)
	return nil
}

// TestHeteroValues checks per-neuron parameters and per-connection weights
// and delays through their effect: the four presynaptic neurons spike in
// the same step n0, so after step n the conductance of post neuron j of
// projection syn is Σ w·exp(−dt/τ)^(n−a) over its connections (from the
// pairs, weight and delay files, row by row, multapse included) that
// arrived, a = n0 + 1 + round(delay/dt); projection ij, whose τ is 10⁹ ms,
// sums the weights 1 + i + 10·j pA of the connections that arrived, each
// delay a uniform draw in [0, 2] ms.
func TestHeteroValues(t *testing.T) {
	p := hetero.DefaultParams()
	m, err := newHetero(p)
	if err != nil {
		t.Fatal(err)
	}
	// Per-neuron parameters: the file exactly, the uniform draw in range.
	eL := readColumn(t, "hetero/e_l.csv")
	e := stateArray(t, m, "Post.IL.e")
	for k := range eL {
		if e[k] != eL[k] {
			t.Errorf("Post.IL.e[%d] = %g, want %g from e_l.csv", k, e[k], eL[k])
		}
	}
	g := stateArray(t, m, "Post.IL.g_max")
	for k, x := range g {
		if !(x >= 0.0009 && x < 0.0011) || (k > 0 && x == g[0]) {
			t.Errorf("Post.IL.g_max = %v: want distinct draws in [0.0009, 0.0011) nS/um2", g)
			break
		}
	}
	pairs := readCSV(t, "hetero/pairs.csv")
	w := readColumn(t, "hetero/w.csv")
	d := readColumn(t, "hetero/d.csv")
	steps := int(math.Round(hetero.DefaultDuration / hetero.DefaultDt))
	decay := math.Exp(-p.Dt / p.Syn_tau)
	n0 := -1
	var ijPrev []float64
	for n := range steps {
		m.Step()
		spikes := m.Spikes()
		if n0 < 0 && len(spikes) > 0 {
			if len(spikes) != 4 || spikes[0] != 0 || spikes[3] != 3 {
				t.Fatalf("step %d: spikes %v, want the four presynaptic neurons at once", n, spikes)
			}
			n0 = n
		}
		syn := stateArray(t, m, "syn.g")
		for j := range 5 {
			want := 0.0
			for r, pr := range pairs {
				post, _ := strconv.Atoi(pr[1])
				a := n0 + 1 + int(math.Round(d[r]/p.Dt))
				if post == j && n0 >= 0 && a <= n {
					want += w[r] * math.Pow(decay, float64(n-a))
				}
			}
			if math.Abs(syn[j]-want) > 1e-12*(1+math.Abs(want)) {
				t.Fatalf("after step %d (spike at %d): syn.g[%d] = %.17g pA, want %.17g", n, n0, j, syn[j], want)
			}
		}
		ij := stateArray(t, m, "ij.g")
		for j := range 5 {
			prev := 0.0
			if ijPrev != nil {
				prev = ijPrev[j]
			}
			if n0 < 0 || n > n0+21 { // nothing arrives before n0+1 or after n0+1+20
				if math.Abs(ij[j]-prev) > 1e-6*math.Abs(prev) {
					t.Fatalf("after step %d: ij.g[%d] changed from %g to %g outside the arrival window", n, j, prev, ij[j])
				}
			}
		}
		ijPrev = append(ijPrev[:0], ij...)
	}
	// The neuron's own e_l, one normal draw per neuron, is where its v
	// has relaxed to after 20 time constants and more.
	el, v := stateArray(t, m, "Own.e_l"), stateArray(t, m, "Own.v")
	for k := range el {
		if math.Abs(v[k]-el[k]) > 1e-6 || (k > 0 && el[k] == el[0]) || math.Abs(el[k]+60) > 15 {
			t.Errorf("Own.e_l = %v, Own.v = %v: want distinct draws around -60 mV, v relaxed to them", el, v)
			break
		}
	}
	if n0 < 0 || n0+22 > steps {
		t.Fatalf("presynaptic spike at step %d: too late to see every arrival", n0)
	}
	for j := range 5 {
		want := 0.0
		for i := range 4 {
			want += float64(1 + i + 10*j)
		}
		if math.Abs(ijPrev[j]-want) > 1e-5*want {
			t.Errorf("ij.g[%d] = %.9g pA, want Σ_i (1 + i + 10·%d) = %g", j, ijPrev[j], j, want)
		}
	}
}

// TestHeteroSeed checks that per-connection draws come from the seed: a
// new seed changes the random weights and delays, the same seed repeats
// them bit for bit.
func TestHeteroSeed(t *testing.T) {
	run := func(seed uint64) []float64 {
		p := hetero.DefaultParams()
		p.Seed = seed
		m, err := newHetero(p)
		if err != nil {
			t.Fatal(err)
		}
		var out []float64
		for range 40 {
			m.Step()
			out = append(out, stateArray(t, m, "ij.g")...)
			out = append(out, stateArray(t, m, "rnd.g")...)
		}
		return out
	}
	a, b, c := run(1), run(1), run(2)
	same := func(x, y []float64) bool {
		for k := range x {
			if math.Float64bits(x[k]) != math.Float64bits(y[k]) {
				return false
			}
		}
		return true
	}
	if !same(a, b) {
		t.Error("seed 1 twice: the per-connection values differ")
	}
	if same(a, c) {
		t.Error("seeds 1 and 2: the same per-connection weights and delays")
	}
}
