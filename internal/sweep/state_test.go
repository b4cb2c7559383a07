package sweep

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckAndTodo checks the rerun rules: the same sweep resumes, a
// different one is refused, and only points without an OK record are redone.
func TestCheckAndTodo(t *testing.T) {
	dir := t.TempDir()
	d, _ := ParseDim("seed=1..3")
	id := Identity{Model: "M", SourceSHA256: "abc", Grid: Grid{d}, Flags: []string{"-duration=1s"}}
	if err := Check(dir, id); err != nil {
		t.Fatalf("empty dir: %v", err)
	}
	if err := WriteJSON(filepath.Join(dir, ManifestName), Manifest{Identity: id, Source: "m.ein", Command: []string{"einetc", "sweep"}}); err != nil {
		t.Fatal(err)
	}
	if err := Check(dir, id); err != nil {
		t.Errorf("same sweep refused: %v", err)
	}
	other := id
	other.Flags = []string{"-duration=2s"}
	if err := Check(dir, other); err == nil || !strings.Contains(err.Error(), "other run flags") {
		t.Errorf("different flags: %v", err)
	}
	other = id
	other.SourceSHA256 = "def"
	if err := Check(dir, other); err == nil || !strings.Contains(err.Error(), "m.ein has changed") {
		t.Errorf("different model: %v", err)
	}
	g := id.Grid
	ps := g.Points()
	if n := len(Todo(dir, g)); n != 3 {
		t.Errorf("fresh sweep: %d to do, want 3", n)
	}
	for i, st := range []string{OK, Failed} {
		os.MkdirAll(PointDir(dir, ps[i].ID), 0o755)
		WriteJSON(filepath.Join(PointDir(dir, ps[i].ID), PointName), Record{ID: ps[i].ID, Values: g.Values(ps[i]), Status: st})
	}
	todo := Todo(dir, g)
	if len(todo) != 2 || todo[0].ID != ps[1].ID || todo[1].ID != ps[2].ID {
		t.Errorf("todo %v, want the failed and the missing point", todo)
	}
	// A record of other values (a hand-edited grid) does not count.
	WriteJSON(filepath.Join(PointDir(dir, ps[0].ID), PointName), Record{ID: ps[0].ID, Values: []string{"7"}, Status: OK})
	if len(Todo(dir, g)) != 3 {
		t.Error("a record of other values counts as done")
	}
	// Points without a manifest: not a sweep to resume.
	os.Remove(filepath.Join(dir, ManifestName))
	if err := Check(dir, id); err == nil {
		t.Error("a directory of points without sweep.json is accepted")
	}
}
