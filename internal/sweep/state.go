package sweep

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/einetc/einetc/internal/atomicfile"
)

// ManifestName is the sweep's description in its directory.
const ManifestName = "sweep.json"

// Manifest is sweep.json: what makes the sweep (Identity, compared when a
// sweep is rerun in the same directory) and how it was started.
type Manifest struct {
	Identity
	Source  string   `json:"source"`  // the model's path, as given
	Command []string `json:"command"` // einetc's command line, as typed
	Points  int      `json:"points"`
	Einetc  string   `json:"einetc"` // einetc's version
	Spikes  bool     `json:"spikes"` // points keep spikes.csv (-spikes)
}

// Identity is what a rerun in the same directory must repeat: the model (by
// the SHA-256 of its files), the grid, and the run flags that apply to every
// point. The number of parallel points and their threads are not part of it:
// they do not change results.
type Identity struct {
	Model        string   `json:"model"`
	SourceSHA256 string   `json:"source_sha256"` // of the model's files: the same model given by another path is the same sweep
	Grid         Grid     `json:"grid"`
	Flags        []string `json:"flags"` // the run flags given, as -name=value, sorted
}

// Check compares id with the manifest in dir, if any, and returns a
// description of the first difference: a directory that holds a different
// sweep is refused rather than mixed with this one.
func Check(dir string, id Identity) error {
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		if ents, err := os.ReadDir(filepath.Join(dir, "points")); err == nil && len(ents) > 0 {
			return fmt.Errorf("%s holds points but no %s: not a sweep einetc can resume; use another -o", dir, ManifestName)
		}
		return nil
	}
	if err != nil {
		return err
	}
	var old Manifest
	if err := json.Unmarshal(b, &old); err != nil {
		return fmt.Errorf("%s: %v", filepath.Join(dir, ManifestName), err)
	}
	a, _ := json.Marshal(old.Identity)
	c, _ := json.Marshal(id)
	if bytes.Equal(a, c) {
		return nil
	}
	what := "other run flags"
	switch {
	case old.SourceSHA256 != id.SourceSHA256:
		what = "another model, or " + old.Source + " has changed"
	case !sameJSON(old.Grid, id.Grid):
		what = "another grid"
	}
	return fmt.Errorf("%s holds a different sweep (%s; it was: %s); use another -o, or remove it", dir, what, quoteArgs(old.Command))
}

func sameJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func quoteArgs(args []string) string {
	var b bytes.Buffer
	for i, a := range args {
		if i > 0 {
			b.WriteByte(' ')
		}
		if a == "" || bytes.ContainsAny([]byte(a), " '\"$;*?|&<>()") {
			fmt.Fprintf(&b, "'%s'", bytes.ReplaceAll([]byte(a), []byte("'"), []byte(`'\''`)))
		} else {
			b.WriteString(a)
		}
	}
	return b.String()
}

// QuoteArgs renders a command line for a shell.
func QuoteArgs(args []string) string { return quoteArgs(args) }

// WriteJSON writes v as indented JSON to path, atomically.
func WriteJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(path, func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}

// Status of a point.
const (
	OK          = "ok"
	Failed      = "failed"      // the simulation stopped on an error or crashed
	Interrupted = "interrupted" // stopped by a signal before its end
	Missing     = "missing"     // not run (yet)
)

// PointName is a point's record in its directory, written last.
const PointName = "point.json"

// Record is point.json: the point's values and how its run ended.
type Record struct {
	ID     string    `json:"id"`
	Values []string  `json:"values"` // one per axis, in the grid's order
	Status string    `json:"status"`
	Error  string    `json:"error,omitempty"`
	WallS  float64   `json:"wall_s"` // the whole point: simulation and analysis
	Host   string    `json:"host,omitempty"`
	Time   time.Time `json:"time"` // when the point started
}

// PointDir is the directory of point id.
func PointDir(dir, id string) string { return filepath.Join(dir, "points", id) }

// ReadRecord reads a point's record; a point without one is Missing.
func ReadRecord(dir string, p Point, values []string) Record {
	rec := Record{ID: p.ID, Values: values, Status: Missing}
	b, err := os.ReadFile(filepath.Join(PointDir(dir, p.ID), PointName))
	if err != nil {
		return rec
	}
	var r Record
	if json.Unmarshal(b, &r) != nil || r.ID != p.ID || !sameJSON(r.Values, values) {
		return rec
	}
	return r
}

// Todo lists the points a run of the sweep in dir must (re)do: those
// without a record and those that did not end OK.
func Todo(dir string, g Grid) []Point {
	var todo []Point
	for _, p := range g.Points() {
		if ReadRecord(dir, p, g.Values(p)).Status != OK {
			todo = append(todo, p)
		}
	}
	return todo
}
