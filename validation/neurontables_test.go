package validation

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNMODLTables checks the mapping of NMODL's TABLE to -tables (docs/nmodl.md)
// on hh.mod (TABLE minf, mtau, hinf, htau, ninf, ntau FROM -100 TO 100
// WITH 200), in -short runs too: the generated code interpolates the
// TABLE's definitions on the .mod's grid (201 points, 1 mV apart), and a
// run with -tables fires the exact run's spikes, each within 0.5 ms over
// 200 ms (measured: the same 14 spikes, the last 0.225 ms early).
func TestNMODLTables(t *testing.T) {
	bin := einetc(t)
	c := neuronCells[0] // hh
	if c.name != "hh" {
		t.Fatalf("neuronCells[0] is %s, want hh", c.name)
	}
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join(suite.root, corpus, "hh.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "hh.mod"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	const dt = 0.025
	exact, _, err := runEinetc(t, bin, c, dir, dt)
	if err != nil {
		t.Fatal(err)
	}
	c.tables = true
	tab, _, err := runEinetc(t, bin, c, dir, dt)
	if err != nil {
		t.Fatal(err)
	}
	r := compareTraces(exact, tab, dt)
	maxDt := maxSpikeShift(exact, tab, dt)
	t.Logf("hh.mod, cnexp, dt %g ms: exact %d spikes, -tables %d, max |Δt| %.3f ms, max |Δv| %.2f mV", dt, r.nSpikes, r.eSpikes, maxDt, r.maxDv)
	if r.nSpikes != r.eSpikes || r.nSpikes == 0 || maxDt > 0.5 {
		t.Errorf("-tables: %d spikes, exact %d, spike times up to %.3f ms apart; want the same spikes within 0.5 ms", r.eSpikes, r.nSpikes, maxDt)
	}
	// The code: one TableSet on the .mod's grid for minf, hinf, ninf (mtau,
	// htau, ntau enter the gates' exponential factors, which -tables
	// tabulates on its default grid).
	gen := filepath.Join(dir, "gen")
	cmd := exec.Command(bin, "compile", "-tables", "-o", gen, "-pkg", "model", filepath.Join(dir, "net.ein"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("einetc compile -tables: %v\n%s", err, out)
	}
	code, err := os.ReadFile(filepath.Join(gen, "net_ein.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"NewTableSet(-100.0, 1.0, 201, 3)", "rate tables over v: 0 hh52.minf, 1 hh52.hinf, 2 hh52.ninf"} {
		if !strings.Contains(string(code), want) {
			t.Errorf("the code compiled with -tables has no %q", want)
		}
	}
}

// TestNEURONTables measures what the same TABLE costs NEURON: hh.mod with
// usetable = 1 (NEURON's default) against usetable = 0, the figure
// TestNMODLTables's einetc -tables against exact is set beside in
// docs/nmodl.md. Both must keep the spike count.
func TestNEURONTables(t *testing.T) {
	needNEURON(t)
	c := neuronCells[0] // hh
	dir := t.TempDir()
	lib := buildMechs(t, c, dir)
	for _, dt := range neuronDts {
		c.tables = false
		exact, _ := runNEURON(t, c, lib, dir, dt)
		c.tables = true
		tab, _ := runNEURON(t, c, lib, dir, dt)
		r := compareTraces(exact, tab, dt)
		maxDt := maxSpikeShift(exact, tab, dt)
		t.Logf("NEURON, hh.mod, dt %g ms: usetable 0 %d spikes, usetable 1 %d, max |Δt| %.3f ms, max |Δv| %.2f mV", dt, r.nSpikes, r.eSpikes, maxDt, r.maxDv)
		if r.nSpikes != r.eSpikes || r.nSpikes == 0 {
			t.Errorf("dt %g ms: NEURON fires %d spikes with its tables, %d without", dt, r.eSpikes, r.nSpikes)
		}
	}
}

// maxSpikeShift is the largest |Δt| (ms) between the k-th spikes of the v
// traces a and b (threshold crossings), over the spikes both have.
func maxSpikeShift(a, b []float64, dt float64) float64 {
	as, bs := crossings(a, dt), crossings(b, dt)
	d := 0.0
	for i := range min(len(as), len(bs)) {
		d = math.Max(d, math.Abs(bs[i]-as[i]))
	}
	return d
}
