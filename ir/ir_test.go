package ir_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/einetc/einetc/internal/golden"
	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/parser"
)

// build loads, parses and checks a model file, returning the IR dump or the
// diagnostics, one per line.
func build(path string) (string, bool) {
	prog, errs := parser.Load(path, os.ReadFile)
	if len(errs) == 0 {
		var mod *ir.Module
		if mod, errs = ir.Build(prog); len(errs) == 0 {
			var b bytes.Buffer
			ir.Print(&b, mod)
			return b.String(), true
		}
	}
	var b bytes.Buffer
	errs.Print(&b)
	return b.String(), false
}

func cases(t *testing.T, pattern string) []string {
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no test cases match %s", pattern)
	}
	return files
}

// TestIR checks that every valid model in testdata compiles and that its IR
// matches the golden dump.
func TestIR(t *testing.T) {
	for _, in := range cases(t, "testdata/*.ein") {
		t.Run(filepath.Base(in), func(t *testing.T) {
			got, ok := build(in)
			if !ok {
				t.Fatalf("unexpected diagnostics:\n%s", got)
			}
			golden.Check(t, strings.TrimSuffix(in, ".ein")+".ir.golden", []byte(got))
		})
	}
}

// TestErrors checks that every bad model in testdata/errors is rejected with
// exactly its golden diagnostics, each in file:line:col: message form.
func TestErrors(t *testing.T) {
	for _, in := range cases(t, "testdata/errors/*.ein") {
		t.Run(filepath.Base(in), func(t *testing.T) {
			got, ok := build(in)
			if ok {
				t.Fatalf("model compiled, but it should be rejected")
			}
			for _, line := range strings.Split(strings.TrimSpace(got), "\n") {
				if !strings.HasPrefix(line, filepath.Dir(in)+"/") && !strings.HasPrefix(line, "std/") {
					t.Errorf("diagnostic without position in the model: %q", line)
				}
			}
			golden.Check(t, strings.TrimSuffix(in, ".ein")+".err.golden", []byte(got))
		})
	}
}

// TestExamples checks that the shipped examples compile and keeps their IR
// under review in testdata/examples/<name>.ir.golden.
func TestExamples(t *testing.T) {
	for _, in := range cases(t, "../examples/*/net.ein") {
		name := filepath.Base(filepath.Dir(in))
		t.Run(name, func(t *testing.T) {
			got, ok := build(in)
			if !ok {
				t.Fatalf("example does not check:\n%s", got)
			}
			golden.Check(t, filepath.Join("testdata", "examples", name+".ir.golden"), []byte(got))
		})
	}
}

// TestTutorialMistake replays the deliberate unit mistake of the tutorial in
// docs/language.md ("Writing a new channel"): dropping (mV) from V_half must
// give exactly the diagnostic the tutorial shows, and nothing else.
func TestTutorialMistake(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"im.ein", "net.ein"} {
		src, err := os.ReadFile(filepath.Join("../examples/mcurrent", name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "im.ein" {
			fixed := strings.Replace(string(src), "V_half  = -35 (mV)", "V_half  = -35     ", 1)
			if fixed == string(src) {
				t.Fatal("examples/mcurrent/im.ein no longer declares V_half as the tutorial says")
			}
			src = []byte(fixed)
		}
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, ok := build(filepath.Join(dir, "net.ein"))
	want := filepath.Join(dir, "im.ein") + ":28:21: cannot subtract 1 (dimensionless) from mV (voltage)\n"
	if ok || got != want {
		t.Errorf("got:\n%swant:\n%s", got, want)
	}
}
