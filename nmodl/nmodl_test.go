package nmodl_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/einetc/einetc/internal/driver"
	"github.com/einetc/einetc/internal/golden"
	"github.com/einetc/einetc/nmodl"
)

// TestCorpus translates every .mod file of testdata/corpus (written for
// this project from published equations), compares the .ein with its
// golden, and checks and generates a model that inserts the channel: every
// translation must be a valid einetc channel. EINETC_UPDATE=1 rewrites the
// goldens.
func TestCorpus(t *testing.T) {
	mods, _ := filepath.Glob("testdata/corpus/*.mod")
	if len(mods) < 8 {
		t.Fatalf("corpus has %d files", len(mods))
	}
	for _, mod := range mods {
		t.Run(filepath.Base(mod), func(t *testing.T) {
			src, err := os.ReadFile(mod)
			if err != nil {
				t.Fatal(err)
			}
			tr, errs := nmodl.Translate(filepath.Base(mod), src)
			if len(errs) > 0 {
				t.Fatalf("translate: %v", errs)
			}
			ein := tr.Ein()
			compareGolden(t, strings.TrimSuffix(mod, ".mod")+".ein", ein)
			checkChannel(t, tr, ein)
		})
	}
}

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if golden.Update() {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (EINETC_UPDATE=1 writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from its translation (EINETC_UPDATE=1 rewrites it):\n--- got\n%s", path, got)
	}
}

// Model is a one-neuron model inserting the channel of a translation, with
// each of its ions' reversal potential and concentrations, and a channel
// that writes each ion current it reads.
func Model(tr *nmodl.Translation, file string) string {
	var b, inserts strings.Builder
	fmt.Fprintf(&b, "import %q\n", file)
	for _, iv := range tr.Mech.IonVars {
		if !iv.Write && iv.Name.Name == "i"+iv.Ion {
			fmt.Fprintf(&b, "CHANNEL source_%s { USEION %s WRITE %s  CURRENT %s = 1 (uA/cm2) }\n", iv.Ion, iv.Ion, iv.Name.Name, iv.Name.Name)
			fmt.Fprintf(&inserts, "  INSERT source_%s\n", iv.Ion)
		}
	}
	fmt.Fprintf(&b, "NEURON N {\n  area = 1000 (um2)  cm = 1 (uF/cm2)\n  threshold = crossing(0 (mV))  solver = cnexp\n")
	rev := map[string]string{"na": "50", "k": "-77", "ca": "132"}
	for _, ion := range tr.Mech.Ions {
		e := rev[ion.Name]
		if e == "" {
			e = "0"
		}
		fmt.Fprintf(&b, "  ION %s { e = %s (mV)  %si = 1 (mM)  %so = 2 (mM) }\n", ion.Name, e, ion.Name, ion.Name)
	}
	fmt.Fprintf(&b, "%s  INSERT %s\n  INITIAL { v = -65 (mV) }\n}\n", inserts.String(), tr.Mech.Name.Name)
	b.WriteString("NETWORK A { POPULATION P = N[1] }\nRUN { dt = 0.025 (ms) duration = 1 (ms) RECORD spikes }\n")
	return b.String()
}

func checkChannel(t *testing.T, tr *nmodl.Translation, ein []byte) {
	t.Helper()
	dir := t.TempDir()
	name := tr.Mech.Name.Name + ".ein"
	if err := os.WriteFile(filepath.Join(dir, name), ein, 0o644); err != nil {
		t.Fatal(err)
	}
	model := filepath.Join(dir, "net.ein")
	if err := os.WriteFile(model, []byte(Model(tr, name)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tables := range []bool{false, true} { // -tables: its TABLEs on their grids
		if _, files, err := driver.Compile(model, driver.Options{Package: "net", Tables: tables}); err != nil {
			t.Fatalf("einetc compile (tables %t) of the translation: %v", tables, err)
		} else if len(files) == 0 {
			t.Fatal("no files generated")
		}
	}
}

// TestTables checks which NMODL TABLEs become einetc's: a PROCEDURE's
// called as rates(v) or rates(v*1(/mV)), for the names that are functions
// of v alone; the others are noted and computed exactly.
func TestTables(t *testing.T) {
	mod := func(call, extra string) string {
		return `NEURON { SUFFIX tb  NONSPECIFIC_CURRENT i  RANGE g }
PARAMETER { g = 0.001 (S/cm2) }
STATE { p }
ASSIGNED { v (mV)  i (mA/cm2)  pinf  ptau  pq }
BREAKPOINT { SOLVE states METHOD cnexp  i = g*p*(v + 80) }
INITIAL { ` + call + `  p = pinf }
DERIVATIVE states { ` + call + `  p' = (pinf - p)/ptau }
PROCEDURE rates(v (mV)) {
    TABLE pinf, ptau` + extra + ` FROM -100 TO 100 WITH 200
    pinf = 1/(1 + exp(-(v + 40)/5))
    ptau = 1 + 2/(1 + exp((v + 40)/10))
    pq = pinf*p
}
`
	}
	for _, c := range []struct{ call, extra, table, note string }{
		{"rates(v)", "", "TABLE pinf, ptau FROM -100 (mV) TO 100 (mV) WITH 200", ""},
		{"rates(v*1(/mV))", "", "TABLE pinf, ptau FROM -100 (mV) TO 100 (mV) WITH 200", ""},
		{"rates(v)", ", pq", "TABLE pinf, ptau FROM -100 (mV) TO 100 (mV) WITH 200", "pq computed exactly, not tabulated: not a function of v alone"},
		{"rates(v - 10)", "", "", "not tabulated: rates is not called as rates(v)"},
	} {
		tr, errs := nmodl.Translate("tb.mod", []byte(mod(c.call, c.extra)))
		if len(errs) > 0 {
			t.Fatalf("%s: %v", c.call, errs)
		}
		ein := string(tr.Ein())
		if c.table != "" && !strings.Contains(ein, "\n  "+c.table+"\n") || c.table == "" && strings.Contains(ein, "  TABLE ") {
			t.Errorf("%s%s: want TABLE %q in:\n%s", c.call, c.extra, c.table, ein)
		}
		if c.note != "" && !strings.Contains(strings.Join(tr.Notes, "\n"), c.note) {
			t.Errorf("%s%s: no note %q in %q", c.call, c.extra, c.note, tr.Notes)
		}
		checkChannel(t, tr, []byte(ein))
	}
}

// TestErrors translates every .mod file of testdata/errors, each out of
// the subset or broken, and compares its diagnostics with the .err golden:
// every error, at its file:line:col.
func TestErrors(t *testing.T) {
	mods, _ := filepath.Glob("testdata/errors/*.mod")
	if len(mods) < 20 {
		t.Fatalf("only %d error cases", len(mods))
	}
	for _, mod := range mods {
		t.Run(filepath.Base(mod), func(t *testing.T) {
			src, err := os.ReadFile(mod)
			if err != nil {
				t.Fatal(err)
			}
			tr, errs := nmodl.Translate(filepath.Base(mod), src)
			if len(errs) == 0 {
				t.Fatalf("no error; translation:\n%s", tr.Ein())
			}
			var b bytes.Buffer
			errs.Print(&b)
			compareGolden(t, strings.TrimSuffix(mod, ".mod")+".err", b.Bytes())
		})
	}
}
