// Package driver is einetc's pipeline in one place: it loads a model from
// disk (parser), checks and lowers it (ir), runs the optional passes that
// the options ask for (ir.Tabulate) and generates its Go package (codegen).
// The command (einetc check, ir, compile, run), the golden tests and the
// benchmark command all go through it, so that a mode of compilation is one
// field of Options, read in one place, and the command line recorded in the
// generated header is spelled in one place. See docs/architecture.md.
package driver

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/einetc/einetc/check"
	"github.com/einetc/einetc/codegen"
	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/parser"
	einrt "github.com/einetc/einetc/runtime"
)

// Options choose how a checked model becomes Go. The zero value is
// `einetc compile` without flags. The JSON names are those of a golden
// case's options.json.
type Options struct {
	// Tables looks rate functions and gate factors up in tables over v
	// (ir.Tabulate with ir.DefaultTables; einetc -tables).
	Tables bool `json:"tables,omitempty"`
	// StdMath uses package math's exp and expm1 (the reference) instead of
	// the runtime's faster ones (codegen.Options.StdMath; einetc -stdmath).
	StdMath bool `json:"stdmath,omitempty"`
	// F32 computes neuron updates in float32 (codegen.Options.F32; einetc
	// -f32): synaptic states, time and parameters stay float64. Not with
	// Tables or StdMath.
	F32 bool `json:"f32,omitempty"`

	Package        string `json:"-"` // the Go package name
	ImportPath     string `json:"-"` // the generated package's import path, if known
	Version        string `json:"-"` // einetc's version, recorded when VersionMarkers is set
	VersionMarkers bool   `json:"-"`
	// Command is the command line the generated header records; empty
	// means CommandLine's "einetc compile [flags] FILE.ein".
	Command string `json:"-"`
}

// Flags returns the einetc compile flags that select o's modes, in the
// order the command line spells them.
func (o Options) Flags() []string {
	var f []string
	if o.StdMath {
		f = append(f, "-stdmath")
	}
	if o.Tables {
		f = append(f, "-tables")
	}
	if o.F32 {
		f = append(f, "-f32")
	}
	return f
}

// CommandLine is the `einetc compile` command that generates the package of
// the model at path with o, as the generated header records it: the
// model's base name, since generation runs in the model's directory.
func (o Options) CommandLine(path string) string {
	return strings.Join(append(append([]string{"einetc", "compile"}, o.Flags()...), filepath.Base(path)), " ")
}

// File is one generated file.
type File = codegen.File

// Model is a loaded and checked model.
type Model struct {
	Path   string     // the path it was loaded from
	Module *ir.Module // the checked, lowered model
	// Sources holds every file of the model by the name the parser gave
	// it: the files read from disk and the standard-library files it
	// imports.
	Sources map[string][]byte
}

// Load reads the model at path and the files it imports (parser.ReadOS:
// confined to the model's directory), checks and lowers it (check.Build) and
// checks the data files it names as the generated New will
// (runtime.DataFile). It returns every error, positioned.
func Load(path string) (*Model, dsl.ErrorList) {
	srcs := map[string][]byte{}
	readOS := parser.ReadOS(path)
	read := func(name string) ([]byte, error) {
		b, err := readOS(name)
		if err == nil {
			srcs[name] = b
		}
		return b, err
	}
	prog, errs := parser.Load(path, read)
	if len(errs) > 0 {
		return nil, errs
	}
	for _, f := range prog.Files {
		if _, ok := srcs[f.Name]; !ok {
			b, err := fs.ReadFile(dsl.Std, f.Name)
			if err != nil { // parser.Load has just read it
				var el dsl.ErrorList
				el.Add(dsl.Pos{Filename: f.Name}, "internal error: %v", err)
				return nil, el
			}
			srcs[f.Name] = b
		}
	}
	mod, errs := check.Build(prog)
	if len(errs) == 0 {
		errs = dataFiles(mod, filepath.Dir(path))
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return &Model{Path: path, Module: mod, Sources: srcs}, nil
}

// Generate runs the passes o asks for on m's module and generates its Go
// files. The passes change the module: generate from a model once.
func (m *Model) Generate(o Options) ([]codegen.File, error) {
	if o.F32 && (o.Tables || o.StdMath) {
		return nil, errors.New("-f32 cannot be combined with -tables or -stdmath")
	}
	if o.Tables {
		ir.Tabulate(m.Module, ir.DefaultTables)
	}
	cmd := o.Command
	if cmd == "" {
		cmd = o.CommandLine(m.Path)
	}
	return codegen.Generate(m.Module, codegen.Options{Package: o.Package, ImportPath: o.ImportPath,
		Command: cmd, Version: o.Version, VersionMarkers: o.VersionMarkers, StdMath: o.StdMath, F32: o.F32})
}

// Compile is Load followed by Generate: the model at path as Go files.
func Compile(path string, o Options) (*Model, []codegen.File, error) {
	m, errs := Load(path)
	if len(errs) > 0 {
		return nil, nil, errs
	}
	files, err := m.Generate(o)
	return m, files, err
}

// dataFiles checks, with the check the generated New applies
// (runtime.DataFile), that the data files the model names stay inside its
// directory after resolving symbolic links and are regular files, so that
// `einetc check` reports a link out of the directory or a named pipe at
// the file("...") that names it. A file that does not exist yet is left to
// the run.
func dataFiles(mod *ir.Module, dir string) dsl.ErrorList {
	var errs dsl.ErrorList
	check := func(at dsl.Pos, name string) {
		if _, err := einrt.DataFile(dir, name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs.Add(at, "file %q: %v", name, UnwrapPath(err))
		}
	}
	for _, pop := range mod.Pops {
		for _, st := range pop.States {
			if st.Init != nil && st.Init.Kind == ir.InitFile {
				check(st.Init.Pos, st.Init.File)
			}
		}
	}
	for _, pr := range mod.Projs {
		for _, st := range pr.States {
			if st.Init != nil && st.Init.Kind == ir.InitFile {
				check(st.Init.Pos, st.Init.File)
			}
		}
		if pr.Connect.Kind == "file" {
			check(pr.Pos, pr.Connect.File)
		}
	}
	return errs
}

// UnwrapPath spells an *os.PathError as "path: reason", without the
// operation ("open", "lstat") it wraps.
func UnwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", pe.Path, pe.Err)
	}
	return err
}
