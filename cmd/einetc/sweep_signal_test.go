package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/einetc/einetc/internal/sweep"
)

// TestSweepInterrupt sends SIGINT to a local sweep: the running point stops
// at a step boundary and is recorded as interrupted, no further point
// starts, the finished point is kept, and a rerun would redo only the other
// two (issue 17: an interrupted sweep loses nothing that had finished).
func TestSweepInterrupt(t *testing.T) {
	dir, model := longModel(t, "100 (ms)")
	out := filepath.Join(dir, "out")
	cmd, stderr := startEinetc(t, dir, "sweep", "-j", "1", "-o", out, "-grid", "duration=10,100000,20 ms", model)
	// einetc passes the signal on to the running point.
	interruptAt(t, cmd, filepath.Join(out, "points", "0001", "spikes.csv.part"), stderr, "the second point never started", 300*time.Millisecond)
	err := cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("einetc sweep after SIGINT: %v, want exit 1\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted: 1 of 3 points ok; run the same command again to run the other 2") {
		t.Errorf("no interruption message:\n%s", stderr.String())
	}
	csv, _ := os.ReadFile(filepath.Join(out, "sweep.csv"))
	for _, re := range []string{`(?m)^0000,10,ok,`, `(?m)^0001,100000,interrupted,[0-9.]+,interrupted after \d+ of 1000000 steps,`, `(?m)^0002,20,missing,,,`} {
		if !regexp.MustCompile(re).Match(csv) {
			t.Errorf("sweep.csv lacks %s:\n%s", re, csv)
		}
	}
	var m sweep.Manifest
	raw, _ := os.ReadFile(filepath.Join(out, sweep.ManifestName))
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	todo := sweep.Todo(out, m.Grid)
	if len(todo) != 2 || todo[0].ID != "0001" || todo[1].ID != "0002" {
		t.Errorf("a rerun would do %v, want points 0001 and 0002", todo)
	}
	tmp, _ := filepath.Glob(filepath.Join(out, "points", "*", ".tmp-*"))
	if len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}
