package codegen_test

import (
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/einetc/einetc/check"
	"github.com/einetc/einetc/codegen"
	"github.com/einetc/einetc/internal/golden"
	"github.com/einetc/einetc/ir"
	pparser "github.com/einetc/einetc/parser"
)

var (
	typeOnce sync.Once
	imp      types.Importer
	fset     = token.NewFileSet()
)

// typeCheck parses and type-checks the generated files as the compiler
// would (unused variables, types, imports), without running the go command
// per input. In the GOEXPERIMENT=simd build of this test (which
// golden/simd_test.go runs), the SIMD file is checked with the main one, as
// that build compiles them.
func typeCheck(t *testing.T, gen []codegen.File) {
	t.Helper()
	typeOnce.Do(func() { imp = importer.ForCompiler(fset, "source", nil) })
	simd := slices.Contains(build.Default.ToolTags, "goexperiment.simd")
	var files []*ast.File
	for _, g := range gen {
		if strings.HasSuffix(g.Name, "_simd.go") && !simd {
			continue
		}
		f, err := parser.ParseFile(fset, g.Name, g.Content, parser.ParseComments)
		if err != nil {
			t.Fatalf("generated Go does not parse: %v\n%s", err, g.Content)
		}
		if !ast.IsGenerated(f) {
			t.Fatalf("%s lacks the Code generated header", g.Name)
		}
		files = append(files, f)
	}
	conf := types.Config{Importer: imp}
	if _, err := conf.Check("model", fset, files, nil); err != nil {
		var all []byte
		for _, g := range gen {
			all = append(all, g.Content...)
		}
		t.Fatalf("generated Go does not type-check: %v\n%s", err, all)
	}
}

// FuzzPipeline runs arbitrary text through the whole compiler: parse, check,
// lower, generate. Any input must end in diagnostics or in Go that parses,
// is marked generated and type-checks. The seed corpus is every model of the
// repository, the error corpus, and models whose names are Go keywords and
// package names.
func FuzzPipeline(f *testing.F) {
	for _, b := range golden.Sources(".ein", "../examples/*/net.ein", "../golden/*/net.ein", "../check/testdata/*.ein", "../check/testdata/errors/*.txtar", "testdata/*.ein") {
		f.Add(string(b))
	}
	if flagSet("test.fuzz") {
		warmTypeCheck(f) // not on the clock of the first input
	}
	f.Fuzz(func(t *testing.T, src string) {
		mod, files := fuzzGenerate(t, src)
		if files == nil {
			return
		}
		if strings.Contains(src, "import \"") && !strings.Contains(src, "std/") {
			return // imports of files that do not exist here never get this far
		}
		typeCheck(t, files)
		// The same model in float32 (-f32) must also be valid Go.
		files, err := codegen.Generate(mod, codegen.Options{Package: "model", F32: true})
		if err != nil {
			t.Fatalf("valid model, but codegen with -f32 failed: %v", err)
		}
		typeCheck(t, files)
		// The same model with rate tables must also be valid Go.
		ir.Tabulate(mod, ir.TableSpec{Lo: -100, Hi: 50, Step: 1})
		files, err = codegen.Generate(mod, codegen.Options{Package: "model"})
		if err != nil {
			t.Fatalf("valid model, but codegen with tables failed: %v", err)
		}
		typeCheck(t, files)
	})
}

// fuzzGenerate compiles src as f/net.ein, the only file there is, and
// returns the module and the generated files, or nils if src is not a
// valid model; a valid model that codegen rejects fails the test.
func fuzzGenerate(t *testing.T, src string) (*ir.Module, []codegen.File) {
	read := func(name string) ([]byte, error) {
		if name == "f/net.ein" {
			return []byte(src), nil
		}
		return nil, os.ErrNotExist
	}
	prog, errs := pparser.Load("f/net.ein", read)
	if len(errs) > 0 {
		return nil, nil
	}
	mod, errs := check.Build(prog)
	if len(errs) > 0 {
		return nil, nil
	}
	files, err := codegen.Generate(mod, codegen.Options{Package: "model"})
	if err != nil {
		t.Fatalf("valid model, but codegen failed: %v", err)
	}
	return mod, files
}
