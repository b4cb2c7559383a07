package golden_test

import (
	"math"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/einetc/einetc/examples/einet"
	"github.com/einetc/einetc/golden/einet2400"
	"github.com/einetc/einetc/internal/golden"
	"github.com/einetc/einetc/internal/simtest"
)

// einet2400Source is examples/einet/net.ein with n_exc = 2400 written in:
// its NETWORK's PARAMETER block gone, the population size and the group
// bounds literals. golden/einet2400 is generated from it.
func einet2400Source(t *testing.T) []byte {
	src, err := os.ReadFile("../examples/einet/net.ein")
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile(`(?s)\n  // The sizes are network parameters.*?GROUP I = N\[n_exc:n_total\]\n`)
	if !block.Match(src) {
		t.Fatal("examples/einet/net.ein: no PARAMETER block and groups of n_exc to replace")
	}
	lit := "\n  // examples/einet/net.ein with n_exc = 2400 written in (golden/structure_test.go).\n" +
		"  POPULATION N = HH[4000]\n  GROUP E = N[0:2400]\n  GROUP I = N[2400:4000]\n"
	return block.ReplaceAll(src, []byte(lit))
}

// The copy of the example with 2400 written in is the example's model, not
// a stale edit of it (-update rewrites it; go generate ./golden/... then).
func TestEinet2400Source(t *testing.T) {
	golden.Check(t, "einet2400/net.ein", einet2400Source(t))
}

// A model run with overridden structure (-set n_exc=2400) gives bit for
// bit the spikes, states and connectivity of the same model compiled with
// 2400 written in; its step allocates nothing and does not depend on the
// number of workers.
func TestStructureOverride(t *testing.T) {
	p := einet.DefaultParams()
	if err := p.Set("n_exc", 2400); err != nil {
		t.Fatal(err)
	}
	over, err := einet.New(p)
	if err != nil {
		t.Fatal(err)
	}
	defer over.Close()
	lit, err := einet2400.New(einet2400.DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	defer lit.Close()
	if got, want := over.Layout(), []einet.Population{{Name: "N", Type: "HH", Offset: 0, Size: 4000}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Layout() = %v, want %v", got, want)
	}
	oc, lc := over.Connections(), lit.Connections()
	for i := range oc {
		if !slices.Equal(oc[i].CSR.Ptr, lc[i].CSR.Ptr) || !slices.Equal(oc[i].CSR.Idx, lc[i].CSR.Idx) {
			t.Errorf("projection %s: connectivity differs from the model with 2400 written in", oc[i].Name)
		}
	}
	if len(oc[0].CSR.Ptr) != 2401 || len(oc[1].CSR.Ptr) != 1601 {
		t.Errorf("projections E, I have %d and %d sources, want 2400 and 1600", len(oc[0].CSR.Ptr)-1, len(oc[1].CSR.Ptr)-1)
	}
	steps := 300 // past the onset volley at 13.9 ms
	a := simtest.Run(steps, over.Step, over.Spikes)
	b := simtest.Run(steps, lit.Step, lit.Spikes)
	if len(a) == 0 || !slices.Equal(a, b) {
		t.Fatalf("spikes: %d with -set n_exc=2400, %d with 2400 written in; want the same, not none", len(a), len(b))
	}
	sa, sb := over.StateArrays(), lit.StateArrays()
	for i := range sa {
		for j := range sa[i].Data {
			if math.Float64bits(sa[i].Data[j]) != math.Float64bits(sb[i].Data[j]) {
				t.Fatalf("%s[%d] = %v, want %v bit for bit", sa[i].Name, j, sa[i].Data[j], sb[i].Data[j])
			}
		}
	}
	simtest.NoAllocs(t, over.Step)
	simtest.WorkersBitIdentical(t, func() simtest.Sim {
		m, err := einet.New(p)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}, 200)
}

// Overrides the structure cannot take are refused by Set and New with the
// compiler's messages, not a panic.
func TestStructureOverrideRefused(t *testing.T) {
	for _, c := range []struct {
		name  string
		value float64
		err   string // of Set, or else of New
	}{
		{"n_exc", 2400.5, "n_exc = 2400.5: must be an integer (a number of neurons)"},
		{"n_exc", -1, "n_exc = -1: must be in [0, 1e+08] (a number of neurons)"},
		{"n_exc", 4001, "group E = N[0:4001] is not a non-empty range inside N[0:4000]"},
		{"n_exc", 0, "group E = N[0:0] is not a non-empty range inside N[0:4000]"},
		{"n_total", 3000, "group E = N[0:3200] is not a non-empty range inside N[0:3000]"},
		{"n_total", 0, "n_total = 0: must be in [1, 1e+08] (a number of neurons)"},
	} {
		p := einet.DefaultParams()
		err := p.Set(c.name, c.value)
		if err == nil {
			_, err = einet.New(p)
		}
		if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%s = %g: %v, want %q", c.name, c.value, err, c.err)
		}
	}
}
