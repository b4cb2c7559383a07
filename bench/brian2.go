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

// runBrian2 runs the Brian2 C++ standalone COBAHH at n neurons for steps
// steps of 0.1 ms on threads threads, repeating the run of the built binary
// repeat times. With cache set, the project directory is kept there, per n
// and threads, and reused (Brian2 then recompiles nothing); otherwise it is
// a fresh temporary directory.
func runBrian2(python, cache string, n, steps, threads, repeat int) (*brian2Result, error) {
	args := []string{filepath.Join("bench", "brian2_cobahh.py"),
		"-n", strconv.Itoa(n), "-duration", strconv.FormatFloat(float64(steps)*0.1, 'g', -1, 64),
		"-threads", strconv.Itoa(threads), "-repeat", strconv.Itoa(repeat)}
	if cache != "" {
		args = append(args, "-dir", filepath.Join(cache, fmt.Sprintf("cobahh-%d-t%d", n, threads)))
	}
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
	fmt.Fprintf(os.Stderr, "brian2 N=%d threads=%d: %.1f ns/neuron-step (runs %v s), %.1f MiB, %.1f Hz\n",
		n, threads, r.NsPerNeuronStep, r.RunSecondsAll, r.PeakRSSMiB, r.RateHz)
	return &r, nil
}
