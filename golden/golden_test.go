// Package golden_test keeps the end-to-end cases in golden/<case>/: each
// holds the committed generated Go (net_ein.go) of a model, its own net.ein
// or, named in its options.json, another one (an example's), and in
// options.json the modes it is compiled with (driver.Options, e.g.
// {"stdmath": true}). This test regenerates every case and
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
	cases, _ := filepath.Glob("*/net_ein.go")
	if len(cases) < 4 {
		t.Fatalf("expected at least 4 golden cases, found %d", len(cases))
	}
	examples, _ := filepath.Glob("../examples/*/net_ein.go")
	cases = append(cases, examples...) // the examples are cases too
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		dir := filepath.Join(root, filepath.Dir(c))
		t.Run(filepath.Dir(c), func(t *testing.T) {
			opts, err := caseOptions(filepath.Join(dir, "options.json"))
			if err != nil {
				t.Fatal(err)
			}
			opts.Package = filepath.Base(dir)
			// Generate from the model's directory, as go generate does, so
			// source citations read "net.ein:12:3".
			model := filepath.Join(dir, opts.Model)
			t.Chdir(filepath.Dir(model))
			_, files, err := driver.Compile(filepath.Base(model), opts.Options)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				golden.Check(t, filepath.Join(dir, f.Name), f.Content)
			}
		})
	}
}

// options is a case's options.json: the driver's options that select modes
// ({"tables": true}, {"stdmath": true}) and the model, by its path from the
// case's directory (default net.ein): a mode of an example is compiled from
// the example's model, not from a copy.
type options struct {
	driver.Options
	Model string `json:"model"`
}

// caseOptions reads a case's options file. A case without one is its own
// net.ein compiled as einetc compile compiles by default.
func caseOptions(path string) (options, error) {
	o := options{Model: "net.ein"}
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
