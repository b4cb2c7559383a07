package check_test

import (
	"os"
	"testing"

	"github.com/einetc/einetc/check"
	"github.com/einetc/einetc/internal/golden"
	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/parser"
)

// FuzzCheck feeds arbitrary text through the parser and the checker: neither
// may panic, and a rejected model must come with at least one positioned
// diagnostic. The seed corpus (examples, std library, the error corpus) runs
// in every go test.
func FuzzCheck(f *testing.F) {
	for _, b := range golden.Sources(".ein", "../examples/*/*.ein", "../dsl/std/*.ein", "testdata/*.ein", "testdata/errors/*.txtar") {
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, src string) {
		read := func(name string) ([]byte, error) {
			if name == "f/net.ein" {
				return []byte(src), nil
			}
			return nil, os.ErrNotExist
		}
		prog, errs := parser.Load("f/net.ein", read)
		if len(errs) > 0 {
			return
		}
		mod, errs := check.Build(prog)
		if mod == nil && len(errs) == 0 {
			t.Fatal("rejected without a diagnostic")
		}
		for _, e := range errs {
			if !e.Pos.IsValid() && e.Pos.Filename == "" {
				t.Errorf("diagnostic without position: %v", e)
			}
		}
		if mod != nil {
			ir.Print(discard{}, mod)
		}
	})
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
