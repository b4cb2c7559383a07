package codegen_test

import (
	"os"
	"testing"

	"github.com/einetc/einetc/codegen"
	"github.com/einetc/einetc/internal/modelgen"
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

// TestGenerateDefineDAGDepth200 generates and type-checks a chain of 200
// definitions, each reading the previous one twice and feeding the
// membrane current, under every solver: the derivative, substitution,
// optimizing and emitting passes must all remember the definitions they
// have seen (depth 20 took 1.4 s under exp_euler before they did).
func TestGenerateDefineDAGDepth200(t *testing.T) {
	for _, solver := range []string{"euler", "exp_euler", "cnexp", "ind_exp_euler", "rk2", "rk4"} {
		t.Run(solver, func(t *testing.T) {
			files := generate(t, modelgen.DefineDAG(200, solver))
			typeCheck(t, files)
		})
	}
}

// generate compiles one in-memory model to Go.
func generate(t *testing.T, src string) []codegen.File {
	t.Helper()
	read := func(name string) ([]byte, error) {
		if name == "m/net.ein" {
			return []byte(src), nil
		}
		return nil, os.ErrNotExist
	}
	prog, errs := pparser.Load("m/net.ein", read)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	mod, errs := ir.Build(prog)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	files, err := codegen.Generate(mod, codegen.Options{Package: "model"})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
