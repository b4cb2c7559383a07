// Package golden compares test output with golden files and rewrites them on
// request. Every package with golden tests imports it, so that both
// `go test ./... -update` and `EINETC_UPDATE=1 go test ./...` work.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/diff"
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
