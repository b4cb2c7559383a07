package parser

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/nmodl"
)

// ReadFunc reads a file of the user's model given its slash-separated path.
// The command line passes os.ReadFile; tests pass an in-memory map.
type ReadFunc func(name string) ([]byte, error)

// Load parses the main file and, transitively, every file it imports, and
// returns them in dependency order (imports first, main file last).
//
// Imports of the form "std/<file>.ein" come from the embedded standard
// library. Any other import is a path relative to the importing file, and must
// stay inside the directory tree of the main file: absolute paths and paths
// that climb out with ".." are refused, so a model cannot make einetc read
// arbitrary files. Every file is parsed even when an earlier one has errors,
// so all syntax errors of the program are reported in one run.
func Load(mainFile string, read ReadFunc) (*dsl.Program, dsl.ErrorList) {
	l := &loader{read: read, root: path.Dir(filepath.ToSlash(mainFile)), state: map[string]int{}, via: map[string]dsl.Pos{}}
	l.load(filepath.ToSlash(mainFile), dsl.Pos{}, nil)
	l.errs.RemoveDuplicates()
	if len(l.errs) > 0 {
		return nil, l.errs
	}
	return &dsl.Program{Files: l.files}, nil
}

type loader struct {
	read  ReadFunc
	root  string
	state map[string]int // 1 while loading (cycle detection), 2 when done
	via   map[string]dsl.Pos
	files []*dsl.File
	errs  dsl.ErrorList
}

func (l *loader) load(name string, at dsl.Pos, chain []string) {
	switch l.state[name] {
	case 2:
		return
	case 1:
		cycle := strings.Join(append(chain, name), " -> ")
		l.errs.Add(at, "import cycle: %s", cycle)
		if len(chain) > 1 && l.via[chain[1]] != at {
			l.errs.Add(l.via[chain[1]], "import cycle: %s", cycle) // where the main file enters it
		}
		return
	}
	src, err := l.readFile(name)
	if err != nil {
		if at.IsValid() {
			l.errs.Add(at, "cannot import %q: %s", name, ReadErrorText(err))
		} else {
			l.errs.Add(dsl.Pos{Filename: name}, "cannot read model: %s", ReadErrorText(err))
		}
		l.state[name] = 2
		return
	}
	l.state[name] = 1
	l.via[name] = at
	f, errs := parseFile(name, src)
	l.errs = append(l.errs, errs...)
	if f != nil {
		for _, imp := range f.Imports {
			target, ok := l.resolve(name, imp)
			if ok {
				l.load(target, imp.Pos, append(chain, name))
			}
		}
		l.files = append(l.files, f)
	}
	l.state[name] = 2
}

// parseFile parses a .ein file, or translates a NEURON .mod file into the
// syntax tree of one CHANNEL (package nmodl), positioned in the .mod file.
func parseFile(name string, src []byte) (*dsl.File, dsl.ErrorList) {
	if !strings.HasSuffix(name, ".mod") {
		return Parse(name, src)
	}
	tr, errs := nmodl.Translate(name, src)
	if len(errs) > 0 {
		return nil, errs
	}
	return tr.File, nil
}

// resolve maps an import path to the name the file is loaded under.
func (l *loader) resolve(from string, imp *dsl.Import) (string, bool) {
	p := imp.Path
	switch {
	case p == "":
		l.errs.Add(imp.Pos, "empty import path")
		return "", false
	case strings.HasPrefix(p, "std/"):
		if c := path.Clean(p); strings.HasPrefix(c, "std/") {
			return c, true
		}
		l.errs.Add(imp.Pos, "import %q leaves the standard library", p)
		return "", false
	case path.IsAbs(p) || filepath.IsAbs(p) || strings.Contains(p, "\\"):
		l.errs.Add(imp.Pos, "import %q: only relative paths and std/ imports are allowed", p)
		return "", false
	}
	if isStd(from) {
		// Files of the standard library import each other by std/ path only.
		l.errs.Add(imp.Pos, "import %q: std files may only import std/ files", p)
		return "", false
	}
	target := path.Join(path.Dir(from), p)
	if !within(l.root, target) {
		l.errs.Add(imp.Pos, "import %q leaves the model's directory %s", p, l.root)
		return "", false
	}
	return target, true
}

func (l *loader) readFile(name string) ([]byte, error) {
	if isStd(name) {
		return fs.ReadFile(dsl.Std, name)
	}
	return l.read(name)
}

func isStd(name string) bool { return strings.HasPrefix(name, "std/") }

// within reports whether the cleaned path target lies inside dir.
func within(dir, target string) bool {
	if dir == "." {
		return target != ".." && !strings.HasPrefix(target, "../") && !path.IsAbs(target)
	}
	return strings.HasPrefix(target, dir+"/")
}

// ReadErrorText says why a source file could not be read, without the
// path and operation an *fs.PathError repeats ("file does not exist", "not
// a regular file (a device)").
func ReadErrorText(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "file does not exist"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
