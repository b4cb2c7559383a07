package main

import (
	"bytes"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/einetc/einetc/codegen"
	"github.com/einetc/einetc/internal/atomicfile"
	"github.com/einetc/einetc/internal/driver"
)

// compileCmd implements `einetc compile [-o DIR] [-pkg NAME] FILE.ein`.
func compileCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("einetc compile", stderr)
	out := fs.String("o", "", "output directory (default: the model's directory)")
	pkg := fs.String("pkg", "", "Go package name (default: the existing package in the output directory, else its name)")
	check := fs.Bool("check", false, "do not write; exit 1 with a diff if the generated file is stale")
	markers := fs.Bool("version-markers", false, "record the einetc version in the generated header")
	maxErrs := errorsFlag(fs)
	var tables, stdMath, f32 bool
	modeFlags(fs, &tables, &stdMath, &f32)
	if err := parseArgs(fs, args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: einetc compile [-o DIR] [-pkg NAME] [-check] FILE.ein")
		return 2
	}
	src := fs.Arg(0)
	model, errs := driver.Load(src)
	if len(errs) > 0 {
		printErrors(stderr, errs, *maxErrs)
		return 1
	}
	dir := *out
	if dir == "" {
		dir = filepath.Dir(src)
	}
	name := *pkg
	if name == "" {
		name = packageName(dir)
	}
	files, err := model.Generate(driver.Options{Package: name, Tables: tables, StdMath: stdMath, F32: f32,
		Version: version, VersionMarkers: *markers})
	if err != nil {
		fmt.Fprintln(stderr, "einetc:", err)
		return 1
	}
	if *check {
		return checkStale(dir, files, stderr)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(stderr, "einetc:", err)
		return 1
	}
	for _, f := range files {
		if err := writeIfChanged(filepath.Join(dir, f.Name), f.Content); err != nil {
			fmt.Fprintln(stderr, "einetc:", err)
			return 1
		}
	}
	return 0
}

// packageName returns the package of the Go files already in dir (ignoring
// tests and generated model files), or a name derived from dir.
func packageName(dir string) string {
	pkgs, err := parser.ParseDir(token.NewFileSet(), dir, func(fi os.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, parser.PackageClauseOnly)
	if err == nil {
		for name := range pkgs {
			if name != "main" || len(pkgs) == 1 {
				return name
			}
		}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	var b strings.Builder
	for _, r := range strings.ToLower(filepath.Base(abs)) {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	s := b.String()
	if s == "" || unicode.IsDigit(rune(s[0])) {
		s = "model" + s
	}
	return s
}

func writeIfChanged(path string, content []byte) error {
	return atomicfile.WriteIfChanged(path, content)
}

func checkStale(dir string, files []codegen.File, stderr io.Writer) int {
	status := 0
	for _, f := range files {
		path := filepath.Join(dir, f.Name)
		old, _ := os.ReadFile(path)
		if !bytes.Equal(old, f.Content) {
			fmt.Fprintf(stderr, "%s is stale; run einetc compile:\n%s", path, diff.Diff(path, old, "generated", f.Content))
			status = 1
		}
	}
	return status
}
