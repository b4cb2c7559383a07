// Package golden compares test output with golden files and rewrites them on
// request. Every package with golden tests imports it, so that both
// `go test ./... -update` and `EINETC_UPDATE=1 go test ./...` work.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Update reports whether golden files should be rewritten: with -update or
// with the environment variable EINETC_UPDATE set.
func Update() bool { return *update || os.Getenv("EINETC_UPDATE") != "" }

// Check compares got with the content of the golden file path. Under Update
// it rewrites the file instead. A mismatch fails t with a unified diff.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if Update() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != string(got) {
		t.Errorf("%s is stale (go test -update rewrites it):\n%s", path, diff.Diff(path, want, "got", got))
	}
}

// CheckArchive compares got with the section want of the txtar archive at
// path (one test case per archive: its input files, then the expected
// output). Under Update it rewrites that section instead.
func CheckArchive(t testing.TB, path, want string, got []byte) {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(ar.Files, func(f txtar.File) bool { return f.Name == want })
	if i < 0 {
		if !Update() {
			t.Fatalf("%s has no section %q (run go test -update to add it)", path, want)
		}
		ar.Files = append(ar.Files, txtar.File{Name: want})
		i = len(ar.Files) - 1
	}
	if Update() {
		ar.Files[i].Data = got
		if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if old := ar.Files[i].Data; string(old) != string(got) {
		t.Errorf("%s: section %s is stale (go test -update rewrites it):\n%s", path, want, diff.Diff(want, old, "got", got))
	}
}

// Sources returns the content of every file that matches one of the glob
// patterns and, for a txtar archive (*.txtar), of each of its files whose
// name ends in ext: the models of the test corpora, for fuzzing seeds.
func Sources(ext string, patterns ...string) [][]byte {
	var out [][]byte
	for _, pattern := range patterns {
		files, _ := filepath.Glob(pattern)
		for _, p := range files {
			if strings.HasSuffix(p, ".txtar") {
				ar, err := txtar.ParseFile(p)
				if err != nil {
					continue
				}
				for _, f := range ar.Files {
					if strings.HasSuffix(f.Name, ext) {
						out = append(out, f.Data)
					}
				}
				continue
			}
			if b, err := os.ReadFile(p); err == nil {
				out = append(out, b)
			}
		}
	}
	return out
}
