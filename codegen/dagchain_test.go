package codegen_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"

	"github.com/einetc/einetc/check"
	"github.com/einetc/einetc/codegen"
	"github.com/einetc/einetc/internal/modelgen"
	pparser "github.com/einetc/einetc/parser"
)

// TestGenerateDefineChain generates check/testdata/define_chain.ein, whose 28
// DEFINEs each use the previous one twice: any walk of the update that
// looks into locals without remembering which it has seen takes 2^28 steps
// (the blocked-update planner once did, and this ran for minutes).
func TestGenerateDefineChain(t *testing.T) {
	generateFile(t, "../check/testdata/define_chain.ein", os.ReadFile)
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

// TestGenerateLongDefineChain generates and type-checks a chain of 8 000
// definitions, each read by the next, under rk4 (four copies of the
// chain): compiling it took 78 s when finding the parameters and states
// each statement reads walked all the locals below it, once per statement.
func TestGenerateLongDefineChain(t *testing.T) {
	if testing.Short() {
		t.Skip("32 000 locals; skipped in -short")
	}
	typeCheck(t, generate(t, modelgen.DefineChain(8000, "rk4")))
}

// TestGenerateLargeNetwork generates and type-checks a ring of 1 000
// populations and 1 000 projections: New's environment of parameters was
// rebuilt for every state (2 000 took 16 s and 1 GB to compile; now
// roughly linear, see BenchmarkGenerateLarge).
func TestGenerateLargeNetwork(t *testing.T) {
	if testing.Short() {
		t.Skip("2 000 populations and projections; skipped in -short")
	}
	typeCheck(t, generate(t, modelgen.Network(1000)))
}

// generate compiles one in-memory model to Go.
func generate(t testing.TB, src string) []codegen.File {
	t.Helper()
	return generateFile(t, "m/net.ein", func(name string) ([]byte, error) {
		if name == "m/net.ein" {
			return []byte(src), nil
		}
		return nil, os.ErrNotExist
	})
}

// generateFile compiles the model at path, its files read by read, to Go;
// any error fails the test.
func generateFile(t testing.TB, path string, read pparser.ReadFunc) []codegen.File {
	t.Helper()
	prog, errs := pparser.Load(path, read)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	mod, errs := check.Build(prog)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	files, err := codegen.Generate(mod, codegen.Options{Package: "model"})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestLongSumGeneratesShallowGo compiles a definition that sums 100 000
// terms, and a membrane equation of 5 000 currents: the generated Go must
// nest no deeper than a few hundred levels (the IR computes deeper parts
// into locals first), or go/parser (100 000 levels at most), go/types and
// the compiler would fail or crawl on it; and it must type-check.
func TestLongSumGeneratesShallowGo(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 2 MB of model; skipped in -short")
	}
	for name, src := range map[string]string{
		"sum":      modelgen.Sum(100000, "euler"),
		"channels": strings.Replace(modelgen.Channels(5000), "exp_euler", "rk2", 1),
	} {
		t.Run(name, func(t *testing.T) {
			files := generate(t, src)
			for _, f := range files {
				file, err := parser.ParseFile(token.NewFileSet(), f.Name, f.Content, 0)
				if err != nil {
					t.Fatal(err)
				}
				if d := nesting(file); d > 500 {
					t.Errorf("%s nests %d levels deep", f.Name, d)
				}
			}
			typeCheck(t, files)
		})
	}
}

// nesting returns the deepest nesting of n's syntax tree.
func nesting(n ast.Node) int {
	depth, deepest := 0, 0
	ast.Inspect(n, func(n ast.Node) bool {
		if n == nil {
			depth--
			return true
		}
		depth++
		deepest = max(deepest, depth)
		return true
	})
	return deepest
}

// BenchmarkGenerateLarge compiles generated models of growing size to Go;
// the MB/s column (of model source) must stay roughly flat:
//
//	go test ./codegen -run '^$' -bench BenchmarkGenerateLarge -benchtime 1x
func BenchmarkGenerateLarge(b *testing.B) {
	for _, c := range []struct {
		name string
		gen  func(int) string
		ns   []int
	}{
		{"channels", modelgen.Channels, []int{1000, 4000}},
		{"defines_euler", func(n int) string { return modelgen.DefineChain(n, "euler") }, []int{1000, 4000}},
		{"defines_rk4", func(n int) string { return modelgen.DefineChain(n, "rk4") }, []int{1000, 4000}},
		{"network", modelgen.Network, []int{250, 1000}},
	} {
		for _, n := range c.ns {
			src := c.gen(n)
			b.Run(fmt.Sprintf("%s=%d", c.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					generate(b, src)
				}
			})
		}
	}
}
