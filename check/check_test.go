package check_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/einetc/einetc/check"
	"github.com/einetc/einetc/internal/golden"
	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/parser"
)

// build loads, parses and checks a model file, returning the IR dump or the
// diagnostics, one per line.
func build(path string) (string, bool) { return buildWith(path, os.ReadFile) }

// buildWith is build with the files read by read.
func buildWith(path string, read parser.ReadFunc) (string, bool) {
	prog, errs := parser.Load(path, read)
	if len(errs) == 0 {
		var mod *ir.Module
		if mod, errs = check.Build(prog); len(errs) == 0 {
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
// exactly its golden diagnostics, each in file:line:col: message form. A
// case is one txtar archive, NAME.txtar: the model as NAME.ein (and any
// file of its own it imports), then the expected diagnostics as the section
// want; -update rewrites that section. The model is read as
// testdata/errors/NAME.ein, so diagnostics name that path; files the
// archive does not hold (the shared lib/, the standard library) are read
// as before.
func TestErrors(t *testing.T) {
	for _, path := range cases(t, "testdata/errors/*.txtar") {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar") + ".ein"
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			dir := filepath.Dir(path)
			files := map[string][]byte{}
			for _, f := range ar.Files {
				files[filepath.Join(dir, f.Name)] = f.Data
			}
			in := filepath.Join(dir, name)
			if _, ok := files[in]; !ok {
				t.Fatalf("%s holds no %s", path, name)
			}
			got, ok := buildWith(in, func(name string) ([]byte, error) {
				if b, ok := files[name]; ok {
					return b, nil
				}
				return os.ReadFile(name)
			})
			if ok {
				t.Fatalf("model compiled, but it should be rejected")
			}
			for _, line := range strings.Split(strings.TrimSpace(got), "\n") {
				if !strings.HasPrefix(line, dir+"/") && !strings.HasPrefix(line, "std/") {
					t.Errorf("diagnostic without position in the model: %q", line)
				}
			}
			golden.CheckArchive(t, path, "want", []byte(got))
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
