package parser

import (
	"os"
	"strings"
	"testing"

	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/internal/golden"
)

// TestGrammar keeps the EBNF of the language under review: a grammar change
// shows up as a diff of grammar.ebnf.golden.
func TestGrammar(t *testing.T) {
	golden.Check(t, "testdata/grammar.ebnf.golden", []byte(EBNF()+"\n"))
}

// TestStdParses checks that every file of the embedded standard library parses.
func TestStdParses(t *testing.T) {
	entries, err := dsl.Std.ReadDir("std")
	if err != nil || len(entries) == 0 {
		t.Fatalf("empty std library: %v", err)
	}
	for _, e := range entries {
		src, _ := dsl.Std.ReadFile("std/" + e.Name())
		if _, errs := Parse("std/"+e.Name(), src); errs != nil {
			t.Errorf("%v", errs)
		}
	}
}

func memFS(files map[string]string) ReadFunc {
	return func(name string) ([]byte, error) {
		if s, ok := files[name]; ok {
			return []byte(s), nil
		}
		return nil, os.ErrNotExist
	}
}

// TestLoadOrder checks dependency order and that a shared import loads once.
func TestLoadOrder(t *testing.T) {
	read := memFS(map[string]string{
		"m/net.ein":   `import "a.ein" import "lib/b.ein"`,
		"m/a.ein":     `import "lib/b.ein" CHANNEL A { }`,
		"m/lib/b.ein": `CHANNEL B { }`,
	})
	prog, errs := Load("m/net.ein", read)
	if errs != nil {
		t.Fatal(errs)
	}
	var names []string
	for _, f := range prog.Files {
		names = append(names, f.Name)
	}
	if got := strings.Join(names, " "); got != "m/lib/b.ein m/a.ein m/net.ein" {
		t.Errorf("load order %q", got)
	}
}

// TestLoadErrors checks that bad imports are all reported, with positions.
func TestLoadErrors(t *testing.T) {
	read := memFS(map[string]string{
		"m/net.ein": "import \"../secret.ein\"\nimport \"/etc/passwd\"\nimport \"missing.ein\"\nimport \"c1.ein\"\nimport \"bad.ein\"\nimport \"std/../../x.ein\"",
		"m/c1.ein":  `import "c2.ein"`,
		"m/c2.ein":  `import "c1.ein"`,
		"m/bad.ein": "CHANNEL X {\n  STATE { m }\n  m' = \n}",
	})
	_, errs := Load("m/net.ein", read)
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{
		`m/bad.ein:4:1: syntax error: unexpected token "}" (expected Expression)`,
		`m/c2.ein:1:1: import cycle: m/net.ein -> m/c1.ein -> m/c2.ein -> m/c1.ein`,
		`m/net.ein:1:1: import "../secret.ein" leaves the model's directory m`,
		`m/net.ein:2:1: import "/etc/passwd": only relative paths and std/ imports are allowed`,
		`m/net.ein:3:1: cannot import "m/missing.ein": file does not exist`,
		`m/net.ein:4:1: import cycle: m/net.ein -> m/c1.ein -> m/c2.ein -> m/c1.ein`,
		`m/net.ein:6:1: import "std/../../x.ein" leaves the standard library`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPositions checks line:column of nodes, which every diagnostic relies on.
func TestPositions(t *testing.T) {
	f, errs := Parse("x.ein", []byte("CHANNEL K {\n  STATE { n }\n  n' = -n / 2 (ms)\n}\n"))
	if errs != nil {
		t.Fatal(errs)
	}
	ode := f.Mechanisms[0].ODEs[0]
	if got := ode.Pos.String(); got != "x.ein:3:3" {
		t.Errorf("ODE at %s", got)
	}
	bin := ode.RHS.(*dsl.Binary)
	if got := bin.Pos.String(); got != "x.ein:3:11" || bin.Op != "/" {
		t.Errorf("operator %s at %s", bin.Op, got)
	}
	if got := dsl.FormatExpr(ode.RHS); got != "-n / 2 (ms)" {
		t.Errorf("FormatExpr = %q", got)
	}
}

// FuzzParse checks that no input panics the parser and that every error
// carries a position inside the input.
func FuzzParse(f *testing.F) {
	for _, b := range golden.Sources(".ein", "../examples/*/*.ein", "../dsl/std/*.ein", "../check/testdata/errors/*.txtar") {
		f.Add(string(b))
	}
	f.Add("CHANNEL X { m' = if (v > 1) 2 else 3 ^ -2 }")
	f.Fuzz(func(t *testing.T, src string) {
		_, errs := Parse("f.ein", []byte(src))
		for _, e := range errs {
			if e.Pos.Filename != "f.ein" {
				t.Errorf("diagnostic without file: %v", e)
			}
		}
	})
}
