package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCheckDetectsDifference proves Check fails on a stale golden file and
// passes on an equal one.
func TestCheckDetectsDifference(t *testing.T) {
	if Update() {
		t.Skip("update mode rewrites instead of comparing")
	}
	path := filepath.Join(t.TempDir(), "x.golden")
	if err := os.WriteFile(path, []byte("a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ft := &fakeT{TB: t}
	Check(ft, path, []byte("b\n"))
	if !ft.failed {
		t.Error("Check accepted different content")
	}
	ft = &fakeT{TB: t}
	Check(ft, path, []byte("a\n"))
	if ft.failed {
		t.Error("Check rejected equal content")
	}
}

type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Errorf(string, ...any) { f.failed = true }
func (f *fakeT) Fatalf(string, ...any) { f.failed = true }
func (f *fakeT) Helper()               {}
