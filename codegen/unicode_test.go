package codegen_test

import (
	"os"
	"testing"

	"github.com/einetc/einetc/check"
	"github.com/einetc/einetc/codegen"
	pparser "github.com/einetc/einetc/parser"
)

// TestGenerateUnicodeNames generates testdata/unicode_names.ein, whose
// projections are named α and β (and a_b against ab, NSIMD against N), and
// type-checks the Go: it used to declare Model.decayX twice.
func TestGenerateUnicodeNames(t *testing.T) {
	prog, errs := pparser.Load("testdata/unicode_names.ein", os.ReadFile)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	mod, errs := check.Build(prog)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	gen, err := codegen.Generate(mod, codegen.Options{Package: "model"})
	if err != nil {
		t.Fatal(err)
	}
	typeCheck(t, gen)
}
