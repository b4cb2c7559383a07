package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptWritesPartialOutputs sends SIGINT to a long `einetc run` and
// checks that it stops at a step boundary, writes consistent outputs marked
// partial, and leaves no temporary files.
func TestInterruptWritesPartialOutputs(t *testing.T) {
	dir, model := longModel(t, "100000 (ms)")
	out := filepath.Join(dir, "out")
	cmd, stderr := startEinetc(t, dir, "run", "-q", "-o", out, model)
	// Wait until the simulation is writing, then interrupt einetc alone.
	interruptAt(t, cmd, filepath.Join(out, "spikes.csv.part"), stderr, "the simulation never started", 500*time.Millisecond)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("einetc run after SIGINT: %v\n%s", err, stderr.String())
	}
	var s struct {
		Partial bool    `json:"partial"`
		Steps   int     `json:"steps"`
		Spikes  int     `json:"spikes"`
		Dur     float64 `json:"duration_ms"`
	}
	raw, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	json.Unmarshal(raw, &s)
	if !s.Partial || s.Steps == 0 || s.Steps >= 1000000 {
		t.Fatalf("summary after SIGINT: %s", raw)
	}
	data, _ := os.ReadFile(filepath.Join(out, "spikes.csv"))
	if n := strings.Count(string(data), "\n") - 1; n != s.Spikes {
		t.Errorf("spikes.csv has %d spikes, summary %d", n, s.Spikes)
	}
	left, _ := filepath.Glob(filepath.Join(out, "*.part"))
	tmp, _ := filepath.Glob(filepath.Join(out, ".tmp-*"))
	if len(left)+len(tmp) > 0 {
		t.Errorf("temporary files left: %v %v", left, tmp)
	}
	t.Logf("stopped after %d steps (%.0f ms simulated), %d spikes", s.Steps, s.Dur, s.Spikes)
}

// testCache is the build cache the tests that run einetc share.
var testCache = filepath.Join(os.TempDir(), "einetc-test-cache")

// longModel skips the test under -short or without the go command, and
// writes a model of 2 000 leaky neurons whose RUN lasts duration into a
// fresh directory; it returns the directory and the model's path.
func longModel(t *testing.T, duration string) (dir, model string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs a simulation")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("needs the go command")
	}
	dir = t.TempDir()
	model = filepath.Join(dir, "net.ein")
	src := `import "std/leak.ein"
NEURON LIF { area = 10000 (um2)  cm = 2 (uF/cm2)  threshold = above(-50 (mV))  refractory = 2 (ms)
  solver = exp_euler  INSERT IL { g_max = 0.1 (mS/cm2) e = -65 (mV) }  INITIAL { v = -65 (mV) } }
NETWORK Long { POPULATION N = LIF[2000]  INPUT N { current = 0.4 (nA) } }
RUN { dt = 0.1 (ms)  duration = ` + duration + `  RECORD spikes }
`
	if err := os.WriteFile(model, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, model
}

// startEinetc starts the test binary as einetc (einetcBinary, copied into
// dir) with args and the shared build cache; the returned builder collects
// its stderr.
func startEinetc(t *testing.T, dir string, args ...string) (*exec.Cmd, *strings.Builder) {
	t.Helper()
	cmd := exec.Command(einetcBinary(t, dir), args...)
	cmd.Env = append(os.Environ(), "EINETC_CACHE="+testCache)
	stderr := new(strings.Builder)
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, stderr
}

// interruptAt waits for path to appear while cmd runs (waitForFile), lets
// it run for d more, then sends SIGINT to einetc alone.
func interruptAt(t *testing.T, cmd *exec.Cmd, path string, stderr *strings.Builder, msg string, d time.Duration) {
	t.Helper()
	waitForFile(t, cmd, path, stderr, msg)
	time.Sleep(d)
	cmd.Process.Signal(syscall.SIGINT)
}

// einetcBinary copies the test binary, which runs as einetc under that name
// (TestMain), into dir and returns its path.
func einetcBinary(t *testing.T, dir string) string {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "einetc")
	if err := copyFile(self, bin, 0o755); err != nil {
		t.Fatal(err)
	}
	return bin
}

// waitForFile waits up to two minutes for path to appear while cmd runs;
// if it does not, it kills cmd and fails with the message and cmd's stderr.
func waitForFile(t *testing.T, cmd *exec.Cmd, path string, stderr *strings.Builder, msg string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if _, err := os.Stat(path); err == nil {
			return
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("%s: %s", msg, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}
