package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/einetc/einetc/internal/sweep"
)

// TestSweepInterrupt sends SIGINT to a local sweep: the running point stops
// at a step boundary and is recorded as interrupted, no further point
// starts, the finished point is kept, and a rerun would redo only the other
// two (issue 17: an interrupted sweep loses nothing that had finished).
func TestSweepInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a simulation")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("needs the go command")
	}
	dir := t.TempDir()
	bin := einetcBinary(t, dir)
	model := filepath.Join(dir, "net.ein")
	os.WriteFile(model, []byte(`import "std/leak.ein"
NEURON LIF { area = 10000 (um2)  cm = 2 (uF/cm2)  threshold = above(-50 (mV))  refractory = 2 (ms)
  solver = exp_euler  INSERT IL { g_max = 0.1 (mS/cm2) e = -65 (mV) }  INITIAL { v = -65 (mV) } }
NETWORK Long { POPULATION N = LIF[2000]  INPUT N { current = 0.4 (nA) } }
RUN { dt = 0.1 (ms)  duration = 100 (ms)  RECORD spikes }
`), 0o644)
	out := filepath.Join(dir, "out")
	cmd := exec.Command(bin, "sweep", "-j", "1", "-o", out, "-grid", "duration=10,100000,20 ms", model)
	cmd.Env = append(os.Environ(), "EINETC_CACHE="+filepath.Join(os.TempDir(), "einetc-test-cache"))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitForFile(t, cmd, filepath.Join(out, "points", "0001", "spikes.csv.part"), &stderr, "the second point never started")
	time.Sleep(300 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGINT) // einetc alone: it passes the signal on
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
