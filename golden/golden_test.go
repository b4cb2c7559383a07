// Package golden_test keeps the end-to-end cases in golden/<case>/: each
// holds a model (net.ein), the committed generated Go (net_ein.go) and a
// hand-written sim_test.go that runs it. This test regenerates every case and
// fails, with a diff, when a committed file is stale; -update rewrites them.
package golden_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/einetc/einetc/codegen"
	"github.com/einetc/einetc/internal/golden"
	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/parser"
)

func TestNotStale(t *testing.T) {
	models, _ := filepath.Glob("*/net.ein")
	if len(models) < 4 {
		t.Fatalf("expected at least 4 golden cases, found %d", len(models))
	}
	examples, _ := filepath.Glob("../examples/*/net.ein")
	models = append(models, examples...) // the examples commit their generated code too
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, model := range models {
		dir := filepath.Dir(model)
		t.Run(dir, func(t *testing.T) {
			// Generate from the case's directory, as go generate does, so
			// source citations read "net.ein:12:3".
			t.Chdir(filepath.Join(root, dir))
			prog, errs := parser.Load("net.ein", os.ReadFile)
			if errs != nil {
				t.Fatal(errs)
			}
			mod, errs := ir.Build(prog)
			if errs != nil {
				t.Fatal(errs)
			}
			// A case directory whose name ends in "std" is compiled with
			// -stdmath: the reference the fast math is measured against.
			// A name ending in "tab" is compiled with -tables.
			std := strings.HasSuffix(filepath.Base(dir), "std")
			cmd := "einetc compile net.ein"
			if std {
				cmd = "einetc compile -stdmath net.ein"
			}
			if strings.HasSuffix(filepath.Base(dir), "tab") {
				ir.Tabulate(mod, ir.DefaultTables)
				cmd = "einetc compile -tables net.ein"
			}
			files, err := codegen.Generate(mod, codegen.Options{Package: filepath.Base(dir), Command: cmd, StdMath: std})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				golden.Check(t, f.Name, f.Content)
			}
		})
	}
}
