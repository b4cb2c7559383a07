// Package golden_test keeps the end-to-end cases in golden/<case>/: each
// holds a model (net.ein), the committed generated Go (net_ein.go) and, when
// the case is compiled with flags, its options.json (driver.Options: the
// modes, e.g. {"stdmath": true}). This test regenerates every case and
// fails, with a diff, when a committed file is stale; -update rewrites them.
package golden_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/einetc/einetc/internal/driver"
	"github.com/einetc/einetc/internal/golden"
)

func TestNotStale(t *testing.T) {
	models, _ := filepath.Glob("*/net.ein")
	if len(models) < 4 {
		t.Fatalf("expected at least 4 golden cases, found %d", len(models))
	}
	examples, _ := filepath.Glob("../examples/*/net.ein")
	models = append(models, examples...) // the examples commit their generated code too
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, model := range models {
		dir := filepath.Dir(model)
		t.Run(dir, func(t *testing.T) {
			// Generate from the case's directory, as go generate does, so
			// source citations read "net.ein:12:3".
			t.Chdir(filepath.Join(root, dir))
			opts, err := caseOptions("options.json")
			if err != nil {
				t.Fatal(err)
			}
			opts.Package = filepath.Base(dir)
			_, files, err := driver.Compile("net.ein", opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				golden.Check(t, f.Name, f.Content)
			}
		})
	}
}

// caseOptions reads a case's options file: a JSON object with the fields of
// driver.Options that select modes ({"tables": true}, {"stdmath": true}).
// A case without one is compiled as einetc compile compiles by default.
func caseOptions(path string) (driver.Options, error) {
	var o driver.Options
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return o, nil
	}
	if err != nil {
		return o, err
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&o); err != nil {
		return o, fmt.Errorf("%s: %v", path, err)
	}
	return o, nil
}
