package codegen_test

import (
	"os"
	"testing"

	"github.com/einetc/einetc/codegen"
	"github.com/einetc/einetc/ir"
	pparser "github.com/einetc/einetc/parser"
)

// TestGenerateDefineChain generates ir/testdata/define_chain.ein, whose 28
// DEFINEs each use the previous one twice: any walk of the update that
// looks into locals without remembering which it has seen takes 2^28 steps
// (the blocked-update planner once did, and this ran for minutes).
func TestGenerateDefineChain(t *testing.T) {
	prog, errs := pparser.Load("../ir/testdata/define_chain.ein", os.ReadFile)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	mod, errs := ir.Build(prog)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if _, err := codegen.Generate(mod, codegen.Options{Package: "model"}); err != nil {
		t.Fatal(err)
	}
}
