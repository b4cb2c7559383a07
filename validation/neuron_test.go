package validation

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/einetc/einetc/nmodl"
)

// The comparison with NEURON 8 (Debian's neuron, neuron-dev, python3-neuron;
// see docs/nmodl.md): one compartment, the same .mod files simulated by
// NEURON's fixed-step scheme (validation/neuron/cell.py) and by einetc from
// `import "x.mod"`, with a constant current that makes it fire.

// neuronCell is one compartment: the .mod files it loads and inserts.
type neuronCell struct {
	name   string
	mods   []string           // paths from the module root, or demo:NAME for Debian's demo files
	mechs  []string           // SUFFIXes to insert
	ions   map[string]float64 // fixed reversal potentials (mV)
	nernst []string           // ions whose e follows the concentrations (NEURON: a mechanism writes one)
	record [2]string          // a state recorded besides v: mechanism, state
	// maxRec bounds max |Δ| of the recorded state with neuron_fixed.
	maxRec  float64
	celsius float64
	amp     float64 // nA, constant from t = 0
	set     []neuronParam
	solver  string // einetc's, default cnexp
	// unstable is a dt at which einetc's (explicit) solver is expected to
	// blow up (a NaN stops the run), NEURON's implicit scheme not.
	unstable float64
	// exact: every .mod uses a method that einetc's neuron_fixed solver
	// reproduces (cnexp; derivimplicit and sparse through the translation's
	// METHOD implicit), so the traces must agree to traces.csv's resolution.
	exact bool
	// The agreement required at dt = 0.025 ms: spike counts within
	// maxCount, first spikes within maxFirst ms.
	maxCount int
	maxFirst float64
	// tables: NEURON keeps its TABLEs (usetable = 1, its default) and
	// einetc runs with -tables, which interpolates the translation's
	// TABLE definitions on the .mod's grid.
	tables bool
}

// neuronParam overrides a mechanism's parameter on both sides, in its .mod unit.
type neuronParam struct{ mech, name, value, unit string }

const (
	neuronArea  = 10000 // um2: 1 nA is 10 uA/cm2
	neuronTstop = 200   // ms
	neuronV0    = -65   // mV
)

var corpus = "nmodl/testdata/corpus/"

var neuronCells = []neuronCell{
	{name: "hh", exact: true, mods: []string{corpus + "hh.mod"}, mechs: []string{"hh52"}, ions: map[string]float64{"na": 50, "k": -77}, celsius: 6.3, amp: 1},
	{name: "tm", exact: true, mods: []string{corpus + "tmna.mod", corpus + "tmkdr.mod", corpus + "leak.mod"}, mechs: []string{"tmna", "tmkdr", "leak"},
		ions: map[string]float64{"na": 50, "k": -90}, celsius: 36, amp: 0.5, set: []neuronParam{{"leak", "g", "5e-5", "S/cm2"}, {"leak", "e", "-60", "mV"}}},
	{name: "tmna+kdre (euler)", exact: true, mods: []string{corpus + "tmna.mod", corpus + "kdre.mod", corpus + "leak.mod"}, mechs: []string{"tmna", "kdre", "leak"},
		ions: map[string]float64{"na": 50, "k": -90}, celsius: 36, amp: 0.5, set: []neuronParam{{"leak", "g", "5e-5", "S/cm2"}, {"leak", "e", "-60", "mV"}}},
	{name: "hh+im", exact: true, mods: []string{corpus + "hh.mod", corpus + "im.mod"}, mechs: []string{"hh52", "im"}, ions: map[string]float64{"na": 50, "k": -77},
		celsius: 6.3, amp: 1, set: []neuronParam{{"im", "gkbar", "5e-4", "S/cm2"}}},
	{name: "hh+ka", exact: true, mods: []string{corpus + "hh.mod", corpus + "ka.mod"}, mechs: []string{"hh52", "ka"}, ions: map[string]float64{"na": 50, "k": -77},
		celsius: 6.3, amp: 2, set: []neuronParam{{"ka", "gkabar", "0.005", "S/cm2"}}},
	{name: "tmna+kv", exact: true, mods: []string{corpus + "tmna.mod", corpus + "kv.mod", corpus + "leak.mod"}, mechs: []string{"tmna", "kv", "leak"},
		ions: map[string]float64{"na": 50, "k": -90}, celsius: 36, amp: 0.5, set: []neuronParam{{"leak", "g", "5e-5", "S/cm2"}, {"leak", "e", "-60", "mV"}, {"kv", "gbar", "300", "pS/um2"}}},
	{name: "tm+kin", exact: true, mods: []string{corpus + "tmna.mod", corpus + "tmkdr.mod", corpus + "kin.mod", corpus + "leak.mod"}, mechs: []string{"tmna", "tmkdr", "kin", "leak"},
		ions: map[string]float64{"na": 50, "k": -90}, celsius: 36, amp: 0.5, set: []neuronParam{{"leak", "g", "5e-5", "S/cm2"}, {"leak", "e", "-60", "mV"}, {"kin", "gbar", "0.001", "mho/cm2"}}},
	{name: "demo HHna+HHk", exact: true, mods: []string{"demo:nachan.mod", "demo:khhchan.mod", corpus + "leak.mod"}, mechs: []string{"HHna", "HHk", "leak"},
		ions: map[string]float64{"na": 50, "k": -77}, celsius: 6.3, amp: 1},
	{name: "demo HH+Ca", mods: []string{"demo:nachan.mod", "demo:khhchan.mod", corpus + "leak.mod", "demo:cachan1.mod", "demo:camchan.mod", "demo:capump.mod", "demo:nacaex.mod"},
		mechs: []string{"HHna", "HHk", "leak", "cachan1", "cachan", "capump", "nacax"}, ions: map[string]float64{"na": 50, "k": -77, "ca": 132.5}, celsius: 6.3, amp: 1,
		// The GHK currents are not linear in v, which the exponential
		// solvers need; explicit rk2 is unstable at dt = 0.1 ms (NEURON's
		// backward Euler is not). neuron_fixed linearises them as NEURON
		// does, by finite differences.
		solver: "rk2", unstable: 0.1, exact: true},
	{name: "hh+Ca pool+KCa", mods: []string{corpus + "hh.mod", corpus + "cahva.mod", corpus + "cad.mod", corpus + "kca.mod"}, mechs: []string{"hh52", "cahva", "cad", "kca"},
		ions: map[string]float64{"na": 50, "k": -77}, nernst: []string{"ca"}, celsius: 6.3, amp: 1, exact: true},
	// Debian's release.mod (transmitter release driven by cai, METHOD
	// sparse) reading the pool's cai: its Ach is compared too.
	{name: "hh+Ca pool+demo trel", mods: []string{corpus + "hh.mod", corpus + "cahva.mod", corpus + "cad.mod", "demo:release.mod"}, mechs: []string{"hh52", "cahva", "cad", "trel"},
		ions: map[string]float64{"na": 50, "k": -77}, nernst: []string{"ca"}, celsius: 6.3, amp: 1, exact: true, record: [2]string{"trel", "Ach"}, maxRec: 1e-6},
}

var neuronDts = []float64{0.025, 0.1}

// neuronConc are NEURON's default initial concentrations (mM), inside and outside.
var neuronConc = map[string][2]string{"na": {"10", "140"}, "k": {"54.4", "2.5"}, "ca": {"5e-5", "2"}}

var neuronOnce struct {
	sync.Once
	skip  string
	demos []string // Debian's demo .mod files
}

// needNEURON skips t under -short and when NEURON, its nrnivmodl or its
// Python module is missing (CI installs them: .ci/run).
func needNEURON(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: the comparison with NEURON runs in the full suite")
	}
	neuronOnce.Do(func() {
		if err := exec.Command(python, "-c", "from neuron import h").Run(); err != nil {
			neuronOnce.skip = "NEURON's Python module is not installed (apt-get install neuron neuron-dev python3-neuron)"
			return
		}
		if _, err := os.Stat("/usr/lib/nrn/nrnmech_makefile"); err != nil {
			neuronOnce.skip = "neuron-dev is not installed (nrnivmodl needs it)"
			return
		}
		out, err := exec.Command("dpkg", "-L", "neuron").Output()
		if err == nil {
			for _, l := range strings.Split(string(out), "\n") {
				if strings.HasSuffix(l, ".mod") {
					neuronOnce.demos = append(neuronOnce.demos, l)
				}
			}
		}
	})
	if neuronOnce.skip != "" {
		t.Skip(neuronOnce.skip)
	}
}

func demoPath(name string) string {
	for _, d := range neuronOnce.demos {
		if filepath.Base(d) == name {
			return d
		}
	}
	return ""
}

// TestNEURONDemoImport imports every .mod file Debian's neuron package
// installs and logs which translate and why the others do not; the counts
// are pinned, so that a change in the subset shows here.
func TestNEURONDemoImport(t *testing.T) {
	needNEURON(t)
	if len(neuronOnce.demos) == 0 {
		t.Skip("dpkg -L neuron lists no .mod files")
	}
	ok := 0
	for _, path := range neuronOnce.demos {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		tr, errs := nmodl.Translate(filepath.Base(path), src)
		t.Log(strings.TrimSpace(nmodl.Report(filepath.Base(path), tr, errs)))
		if len(errs) == 0 {
			ok++
		}
	}
	t.Logf("%d of %d demo .mod files import", ok, len(neuronOnce.demos))
	if ok < 7 {
		t.Errorf("%d of %d demo .mod files import, want at least 7 (cachan1, camchan, capump, khhchan, nacaex, nachan, release)", ok, len(neuronOnce.demos))
	}
}

func TestNEURON(t *testing.T) {
	t.Parallel()
	needNEURON(t)
	bin := einetc(t)
	for _, c := range neuronCells {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			lib := buildMechs(t, c, dir)
			for _, dt := range neuronDts {
				nv, nrec := runNEURON(t, c, lib, dir, dt)
				ev, _, err := runEinetc(t, bin, c, dir, dt)
				var r neuronResult
				if dt == c.unstable {
					if err == nil || !strings.Contains(err.Error(), "NaN") {
						t.Errorf("dt %g ms: einetc's %s was expected to blow up; error %v", dt, c.solver, err)
					}
					t.Logf("| %s | %g | %d | NaN (%s unstable) | | | |", c.name, dt, len(crossings(nv, dt)), c.solver)
				} else {
					if err != nil {
						t.Fatal(err)
					}
					r = compareTraces(nv, ev, dt)
					t.Logf("| %s | %g | %d | %d | %.3f | %.3f | %.2f |", c.name, dt, r.nSpikes, r.eSpikes, r.firstDiff, r.meanDiff, r.maxDv)
				}
				{
					// einetc's neuron_fixed: NEURON's own scheme.
					fc := c
					fc.solver = "neuron_fixed"
					fv, frec, err := runEinetc(t, bin, fc, dir, dt)
					if err != nil {
						t.Fatal(err)
					}
					f := compareTraces(nv, fv, dt)
					t.Logf("| %s, neuron_fixed | %g | %d | %d | %.3f | %.3f | %.2g |", c.name, dt, f.nSpikes, f.eSpikes, f.firstDiff, f.meanDiff, f.maxDv)
					if nrec != nil {
						d, peak := maxDiff(nrec, frec)
						t.Logf("%s.%s, neuron_fixed, dt %g ms: max |Δ| %.3g (peak %.4g)", c.record[0], c.record[1], dt, d, peak)
						if d > c.maxRec*peak {
							t.Errorf("dt %g ms: %s.%s differs from NEURON's by up to %g (peak %g), more than %g of the peak", dt, c.record[0], c.record[1], d, peak, c.maxRec)
						}
					}
					if c.exact && (f.nSpikes != f.eSpikes || f.maxDv > 1e-6) {
						t.Errorf("dt %g ms, neuron_fixed: NEURON %d spikes, einetc %d, max |dv| %g mV; want identical traces", dt, f.nSpikes, f.eSpikes, f.maxDv)
					}
				}
				if dt == 0.025 && dt != c.unstable && (iabs(r.nSpikes-r.eSpikes) > max(1, r.nSpikes/10) || math.Abs(r.firstDiff) > 0.5 || r.nSpikes == 0) {
					t.Errorf("dt %g ms: NEURON %d spikes, einetc %d, first spike differs by %.3f ms", dt, r.nSpikes, r.eSpikes, r.firstDiff)
				}
			}
		})
	}
}

func iabs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// buildMechs compiles the cell's .mod files with nrnivmodl, with Debian's
// packaging worked around (docs/nmodl.md): the makefile's path, and
// -L/usr/lib/nrn. The `special` executable fails to link; the library is
// what cell.py loads.
func buildMechs(t *testing.T, c neuronCell, dir string) string {
	t.Helper()
	mdir := filepath.Join(dir, "mech")
	if err := os.MkdirAll(mdir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, m := range c.mods {
		src := modPath(t, m)
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range []string{mdir, dir} { // dir: beside the einetc model
			if err := os.WriteFile(filepath.Join(d, filepath.Base(src)), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	script, err := os.ReadFile("/usr/bin/nrnivmodl")
	if err != nil {
		t.Fatal(err)
	}
	fixed := strings.ReplaceAll(string(script), `"${bindir}/nrnmech_makefile"`, `"/usr/lib/nrn/nrnmech_makefile"`)
	if err := os.WriteFile(filepath.Join(mdir, "nrnivmodl"), []byte(fixed), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", "./nrnivmodl", "-loadflags", "-L/usr/lib/nrn -Wl,-rpath,/usr/lib/nrn")
	cmd.Dir = mdir
	out, _ := cmd.CombinedOutput() // fails at `special`, after the library
	lib := filepath.Join(mdir, "x86_64", ".libs", "libnrnmech.so")
	if _, err := os.Stat(lib); err != nil {
		t.Fatalf("nrnivmodl built no libnrnmech.so:\n%s", tail(out, 30))
	}
	return lib
}

func modPath(t *testing.T, m string) string {
	if name, ok := strings.CutPrefix(m, "demo:"); ok {
		p := demoPath(name)
		if p == "" {
			t.Skipf("Debian's neuron package installs no %s", name)
		}
		return p
	}
	return filepath.Join(suite.root, m)
}

func ionList(c neuronCell) string {
	var s []string
	for _, ion := range []string{"na", "k", "ca"} {
		if e, ok := c.ions[ion]; ok {
			s = append(s, fmt.Sprintf("%s=%g", ion, e))
		}
	}
	return strings.Join(s, ",")
}

// runNEURON returns v and the recorded state (nil if none).
func runNEURON(t *testing.T, c neuronCell, lib, dir string, dt float64) ([]float64, []float64) {
	t.Helper()
	out := filepath.Join(dir, fmt.Sprintf("neuron-%g-%t.csv", dt, c.tables))
	args := []string{filepath.Join(suite.root, "validation", "neuron", "cell.py"), "--lib", lib, "--mechs", strings.Join(c.mechs, ","),
		"--area", fmt.Sprint(neuronArea), "--celsius", fmt.Sprint(c.celsius), "--ions", ionList(c), "--amp", fmt.Sprint(c.amp),
		"--dt", fmt.Sprint(dt), "--tstop", fmt.Sprint(neuronTstop), "--v0", fmt.Sprint(neuronV0), "--out", out}
	for _, p := range c.set {
		args = append(args, "--set", fmt.Sprintf("%s_%s=%s", p.name, p.mech, p.value))
	}
	if c.tables {
		args = append(args, "--usetable")
	}
	rec := out + ".rec"
	if c.record[0] != "" {
		args = append(args, "--record", c.record[1]+"_"+c.record[0], "--record-out", rec)
	}
	cmd := exec.Command(python, args...)
	cmd.Dir = os.TempDir() // not beside x86_64/: neuron would load the library twice
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("cell.py: %v\n%s", err, tail(b, 30))
	}
	if c.record[0] != "" {
		return readColumn(t, out, 0, false), readColumn(t, rec, 0, false)
	}
	return readColumn(t, out, 0, false), nil
}

// runEinetc returns v and the recorded state (nil if none).
func runEinetc(t *testing.T, bin string, c neuronCell, dir string, dt float64) ([]float64, []float64, error) {
	t.Helper()
	var b strings.Builder
	for _, m := range c.mods {
		fmt.Fprintf(&b, "import %q\n", filepath.Base(modPath(t, m)))
	}
	solver := c.solver
	if solver == "" {
		solver = "cnexp"
	}
	fmt.Fprintf(&b, "NEURON N {\n  area = %d (um2)  cm = 1 (uF/cm2)  celsius = %g (degC)\n  threshold = crossing(0 (mV))  solver = %s\n", neuronArea, c.celsius, solver)
	for _, ion := range []string{"na", "k", "ca"} {
		// NEURON's initial concentrations (cai0_ca_ion, ...), constant
		// unless a mechanism writes them.
		conc := fmt.Sprintf("%si = %s (mM)  %so = %s (mM)", ion, neuronConc[ion][0], ion, neuronConc[ion][1])
		if e, ok := c.ions[ion]; ok {
			fmt.Fprintf(&b, "  ION %s { e = %g (mV)  %s }\n", ion, e, conc)
		}
		if slices.Contains(c.nernst, ion) {
			fmt.Fprintf(&b, "  ION %s { e = nernst  %s }\n", ion, conc)
		}
	}
	for _, m := range c.mechs {
		fmt.Fprintf(&b, "  INSERT %s {", m)
		for _, p := range c.set {
			if p.mech == m {
				fmt.Fprintf(&b, " %s = %s (%s)", p.name, p.value, strings.ReplaceAll(p.unit, "mho", "S"))
			}
		}
		b.WriteString(" }\n")
	}
	fmt.Fprintf(&b, "  INITIAL { v = %d (mV) }\n}\n", neuronV0)
	fmt.Fprintf(&b, "NETWORK A { POPULATION P = N[1]  INPUT P { current = %g (nA) } }\n", c.amp)
	rec := ""
	if c.record[0] != "" {
		rec = fmt.Sprintf("  RECORD P.%s.%s[0]", c.record[0], c.record[1])
	}
	fmt.Fprintf(&b, "RUN { dt = %g (ms)  duration = %d (ms)  RECORD P.v[0]%s }\n", dt, neuronTstop, rec)
	model := filepath.Join(dir, "net.ein")
	if err := os.WriteFile(model, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, fmt.Sprintf("einetc-%s-%g-%t", solver, dt, c.tables))
	args := []string{model}
	if c.tables {
		args = []string{"-tables", model}
	}
	if err := einetcRun(bin, out, args...); err != nil {
		return nil, nil, err
	}
	traces := filepath.Join(out, "traces.csv")
	if c.record[0] != "" {
		return readColumn(t, traces, 1, true), readColumn(t, traces, 2, true), nil
	}
	return readColumn(t, traces, 1, true), nil, nil
}

func readColumn(t *testing.T, path string, col int, header bool) []float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var xs []float64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if header {
			header = false
			continue
		}
		fields := strings.Split(sc.Text(), ",")
		x, err := strconv.ParseFloat(strings.TrimSpace(fields[col]), 64)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		xs = append(xs, x)
	}
	return xs
}

type neuronResult struct {
	nSpikes, eSpikes int
	firstDiff        float64 // einetc's first spike minus NEURON's, ms
	meanDiff         float64 // mean |Δt| over the spikes both have, by rank, ms
	maxDv            float64 // max |Δv| over the run, mV
}

// crossings are the spike times: the samples at which v reaches 0 mV from
// below, after it has been below -20 mV since the last spike (so that a
// membrane held near 0 mV does not count as many spikes).
func crossings(v []float64, dt float64) []float64 {
	var ts []float64
	armed := true
	for i := 1; i < len(v); i++ {
		if v[i] < -20 {
			armed = true
		}
		if armed && v[i-1] < 0 && v[i] >= 0 {
			ts = append(ts, float64(i)*dt)
			armed = false
		}
	}
	return ts
}

func compareTraces(nv, ev []float64, dt float64) neuronResult {
	// cell.py writes t = 0 … tstop, einetc's traces.csv t = 0 … tstop − dt:
	// compare the samples both have.
	n := min(len(nv), len(ev))
	nv, ev = nv[:n], ev[:n]
	ns, es := crossings(nv, dt), crossings(ev, dt)
	r := neuronResult{nSpikes: len(ns), eSpikes: len(es), firstDiff: math.NaN(), meanDiff: math.NaN()}
	if len(ns) > 0 && len(es) > 0 {
		r.firstDiff = es[0] - ns[0]
		k := min(len(ns), len(es))
		s := 0.0
		for i := 0; i < k; i++ {
			s += math.Abs(es[i] - ns[i])
		}
		r.meanDiff = s / float64(k)
	}
	for i := 0; i < min(len(nv), len(ev)); i++ {
		r.maxDv = math.Max(r.maxDv, math.Abs(nv[i]-ev[i]))
	}
	return r
}

// maxDiff returns max |a − b| over the samples both have, and max |a|.
func maxDiff(a, b []float64) (d, peak float64) {
	for i := range min(len(a), len(b)) {
		d = max(d, math.Abs(a[i]-b[i]))
		peak = max(peak, math.Abs(a[i]))
	}
	return d, peak
}
