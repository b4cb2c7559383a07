// Package harness is the code shared by the benchmark packages that go run
// ./bench generates (module github.com/einetc/einetc/bench/gen, in the user
// cache by default): the Go benchmark of a model's Step, and the runner command that
// steps a model once for its peak memory. Each generated package calls it
// with its own New, so the timing loop is the same for every model.
package harness

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Model is what the harness needs of a generated model.
type Model interface {
	Step()
	Spikes() []int32
	SetWorkers(n int)
	Close()
}

// NewFunc builds a model with its default parameters.
type NewFunc func() (Model, error)

// Workers lists the worker counts BenchmarkStep measures.
var Workers = []int{1, 2}

// BenchmarkStep times Step of a model of n neurons and time step dt (ms) in
// one sub-benchmark per worker count ("workers=1", "workers=2"). Each
// sub-benchmark builds a fresh model (outside the timer) and steps it b.N
// times from t = 0, so with -benchtime=1000x it simulates the first 100 ms,
// the interval the Brian2 run covers. Besides ns/op it reports
// ns/neuron-step (wall clock), cpu-ns/neuron-step (CPU time of the whole
// process, all threads, which Brian2 reports for its runs without OpenMP),
// and the mean firing rate (Hz) of the steps it timed, so that two runs can
// be checked to have simulated the same activity.
func BenchmarkStep(b *testing.B, n int, dt float64, newModel NewFunc) {
	for _, w := range Workers {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			m, err := newModel()
			if err != nil {
				b.Fatal(err)
			}
			defer m.Close()
			m.SetWorkers(w)
			// Collect New's garbage (rate tables, connectivity) now: a
			// collection overlapping the timed steps showed as CPU time
			// above wall time on one worker.
			runtime.GC()
			b.ReportAllocs()
			spikes, steps := 0, 0
			cpu0 := cpuTime()
			for b.Loop() {
				m.Step()
				spikes += len(m.Spikes())
				steps++
			}
			cpu := float64((cpuTime() - cpu0).Nanoseconds())
			ns := float64(b.Elapsed().Nanoseconds())
			b.ReportMetric(ns/float64(steps)/float64(n), "ns/neuron-step")
			b.ReportMetric(cpu/float64(steps)/float64(n), "cpu-ns/neuron-step")
			b.ReportMetric(rate(spikes, n, steps, dt), "Hz")
		})
	}
}

// rate is the mean firing rate in Hz of n neurons that emitted spikes
// spikes in steps steps of dt ms.
func rate(spikes, n, steps int, dt float64) float64 {
	if steps == 0 {
		return 0
	}
	return float64(spikes) / float64(n) / (float64(steps) * dt / 1000)
}

// Result is what Main prints, as one line of JSON.
type Result struct {
	N               int     `json:"n"`
	Workers         int     `json:"workers"`
	Steps           int     `json:"steps"`
	NewSeconds      float64 `json:"new_seconds"`
	RunSeconds      float64 `json:"run_seconds"`
	NsPerNeuronStep float64 `json:"ns_per_neuron_step"`
	CPUSeconds      float64 `json:"cpu_seconds"` // of the steps, all threads
	Spikes          int     `json:"spikes"`
	RateHz          float64 `json:"rate_hz"`
	VmHWMKiB        int     `json:"vmhwm_kib"` // peak RSS as the kernel reports it in /proc/self/status
}

// Main is the runner command of a model of n neurons and time step dt (ms):
// it builds the model, steps it -steps times on -workers workers and prints
// a Result. The benchmark command runs it under /usr/bin/time for its peak
// RSS, which therefore covers New (connectivity, initial values) and the
// steps, as Brian2's main does.
func Main(n int, dt float64, newModel NewFunc) {
	steps := flag.Int("steps", 1000, "steps to simulate")
	workers := flag.Int("workers", 1, "worker goroutines")
	flag.Parse()
	if err := run(n, dt, newModel, *steps, *workers); err != nil {
		fmt.Fprintln(os.Stderr, "run:", err)
		os.Exit(1)
	}
}

func run(n int, dt float64, newModel NewFunc, steps, workers int) error {
	t0 := time.Now()
	m, err := newModel()
	if err != nil {
		return err
	}
	defer m.Close()
	m.SetWorkers(workers)
	t1, cpu1 := time.Now(), cpuTime()
	spikes := 0
	for range steps {
		m.Step()
		spikes += len(m.Spikes())
	}
	t2, cpu2 := time.Now(), cpuTime()
	r := Result{
		N: n, Workers: workers, Steps: steps,
		NewSeconds: t1.Sub(t0).Seconds(),
		RunSeconds: t2.Sub(t1).Seconds(),
		CPUSeconds: (cpu2 - cpu1).Seconds(),
		Spikes:     spikes,
		RateHz:     rate(spikes, n, steps, dt),
		VmHWMKiB:   vmHWM(),
	}
	if steps > 0 {
		r.NsPerNeuronStep = float64(t2.Sub(t1).Nanoseconds()) / float64(steps) / float64(n)
	}
	return json.NewEncoder(os.Stdout).Encode(r)
}

// vmHWM returns the peak resident set size of this process in KiB from
// /proc/self/status, or 0 where there is none.
func vmHWM() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				k, _ := strconv.Atoi(f[0])
				return k
			}
		}
	}
	return 0
}
