package main

import (
	"strings"
	"testing"
	"time"
)

// TestProgressDescribe: the first frame shows the simulated time only (the
// bar's own rate read "0 steps/hr" there); the rate and the time left come
// with the second report, measured between the two.
func TestProgressDescribe(t *testing.T) {
	p := &progress{dt: 0.1, steps: 10000}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if got := p.describe(0, t0); got != "t = 0.0 ms" {
		t.Errorf("first frame %q, want the simulated time alone", got)
	}
	if got := p.describe(0, t0); strings.Contains(got, "steps/") {
		t.Errorf("no step taken yet, and the frame says %q", got)
	}
	if got, want := p.describe(2000, t0.Add(time.Second)), "t = 200.0 ms, 2000 steps/s, 4s left"; got != want {
		t.Errorf("frame %q, want %q", got, want)
	}
}
