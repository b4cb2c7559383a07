package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// brian2Result is the JSON line printed by bench/brian2_cobahh.py.
type brian2Result struct {
	Version         string    `json:"version"`
	Model           string    `json:"model"` // "cobahh" or "coba"
	Threads         int       `json:"threads"`
	N               int       `json:"n"`
	Steps           int       `json:"steps"`
	NsPerNeuronStep float64   `json:"ns_per_neuron_step"`
	RunSecondsAll   []float64 `json:"run_seconds_all"`
	PeakRSSMiB      float64   `json:"peak_rss_mib"`
	CodegenSeconds  float64   `json:"codegen_seconds"`
	CompileSeconds  float64   `json:"compile_seconds"`
	Cached          bool      `json:"cached"`
	RateHz          float64   `json:"rate_hz"`
	Synapses        int       `json:"synapses"`
}

// runBrian2 runs the Brian2 C++ standalone network model ("cobahh" or
// "coba") at n neurons for steps steps of 0.1 ms on threads threads, once,
// in the project directory dir. If dir already holds the build from an
// earlier call, Brian2 regenerates the same code and make recompiles
// nothing.
func runBrian2(python, dir, model string, n, steps, threads int) (*brian2Result, error) {
	args := []string{filepath.Join("bench", "brian2_cobahh.py"), "-model", model,
		"-n", strconv.Itoa(n), "-duration", strconv.FormatFloat(float64(steps)*0.1, 'g', -1, 64),
		"-threads", strconv.Itoa(threads), "-dir", dir}
	fmt.Fprintf(os.Stderr, "%s %s\n", python, strings.Join(args, " "))
	var out, errb bytes.Buffer
	c := exec.Command(python, args...)
	c.Stdout, c.Stderr = &out, &errb
	if err := c.Run(); err != nil {
		os.Stderr.Write(errb.Bytes()) // Brian2's warnings are shown only on failure
		return nil, fmt.Errorf("brian2 at N=%d, %d threads: %w", n, threads, err)
	}
	var r brian2Result
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &r); err != nil {
		return nil, fmt.Errorf("brian2 at N=%d: %w in %q", n, err, out.String())
	}
	fmt.Fprintf(os.Stderr, "brian2 %s N=%d threads=%d: %.1f ns/neuron-step, %.1f MiB, %.1f Hz\n",
		model, n, threads, r.NsPerNeuronStep, r.PeakRSSMiB, r.RateHz)
	return &r, nil
}

// nsPerStep converts the run times of r to ns per neuron-step.
func nsPerStep(r *brian2Result) []float64 {
	ns := make([]float64, len(r.RunSecondsAll))
	for i, s := range r.RunSecondsAll {
		ns[i] = s * 1e9 / float64(r.N) / float64(r.Steps)
	}
	return ns
}
