package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// samePoint compares two runs' results: spikes.csv byte for byte, and
// every statistic and analysis number of summary.json.
func samePoint(t *testing.T, what, a, b string) {
	t.Helper()
	sa, err := os.ReadFile(filepath.Join(a, "spikes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	sb, err := os.ReadFile(filepath.Join(b, "spikes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(sa) < 100 || !bytes.Equal(sa, sb) {
		t.Errorf("%s: spikes differ (%d and %d bytes)", what, len(sa), len(sb))
	}
	results := func(dir string) []byte {
		var s summary
		b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		out, _ := json.Marshal([]any{s.Populations, s.Groups, s.Spikes, s.Steps, s.Seed, s.DurationMs, s.AnalysisParams, s.Overrides})
		return out
	}
	if ra, rb := results(a), results(b); !bytes.Equal(ra, rb) {
		t.Errorf("%s: summaries differ:\n%s\n%s", what, ra, rb)
	}
}

// TestSweepDeterminism checks that a point's results are the same run
// alone with einetc run -set … -seed …, in a sweep of one point at a time
// and in a sweep of two at a time (issue 17).
func TestSweepDeterminism(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("needs the go command")
	}
	t.Setenv("EINETC_CACHE", testCache)
	dir := t.TempDir()
	model := filepath.Join("..", "..", "examples", "einet", "net.ein")
	for _, j := range []string{"1", "2"} {
		args := []string{"sweep", "-q", "-spikes", "-j", j, "-duration", "40ms", "-o", filepath.Join(dir, "sweep"+j),
			"-grid", "I.weight=30,67 nS", "-grid", "seed=3,5", model}
		if code := run(args, io.Discard, os.Stderr); code != 0 {
			t.Fatalf("einetc %v: exit %d", args, code)
		}
	}
	for _, c := range []struct{ id, weight, seed string }{{"0000", "30 nS", "3"}, {"0003", "67 nS", "5"}} {
		alone := filepath.Join(dir, "alone"+c.id)
		args := []string{"run", "-q", "-duration", "40ms", "-set", "I.weight=" + c.weight, "-seed", c.seed, "-o", alone, model}
		if code := run(args, io.Discard, os.Stderr); code != 0 {
			t.Fatalf("einetc %v: exit %d", args, code)
		}
		samePoint(t, "alone vs -j 1, point "+c.id, alone, filepath.Join(dir, "sweep1", "points", c.id))
		samePoint(t, "alone vs -j 2, point "+c.id, alone, filepath.Join(dir, "sweep2", "points", c.id))
	}
	// Different points do differ (the comparison can fail).
	a, _ := os.ReadFile(filepath.Join(dir, "sweep1", "points", "0000", "spikes.csv"))
	b, _ := os.ReadFile(filepath.Join(dir, "sweep1", "points", "0001", "spikes.csv"))
	if bytes.Equal(a, b) {
		t.Error("two seeds gave the same spikes")
	}
}
