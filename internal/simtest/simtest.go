// Package simtest holds the checks shared by the end-to-end golden tests in
// golden/: spike rasters against golden files, and zero allocations per step.
package simtest

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/einetc/einetc/internal/golden"
	einrt "github.com/einetc/einetc/runtime"
)

// Spike is one spike: the step in which it was detected and the neuron.
type Spike struct {
	Step   int
	Neuron int32
}

// Format renders spikes as CSV with header t_ms,neuron; times are step*dt
// printed with 4 decimals so the file does not depend on float formatting.
func Format(spikes []Spike, dt float64) []byte {
	var b bytes.Buffer
	b.WriteString("t_ms,neuron\n")
	for _, s := range spikes {
		fmt.Fprintf(&b, "%.4f,%d\n", float64(s.Step)*dt, s.Neuron)
	}
	return b.Bytes()
}

// ExactArch reports whether this architecture evaluates the generated code
// without fused multiply-add, the platform the spike goldens were recorded
// on (amd64). Elsewhere (arm64 fuses x*y+z) spike trains of a chaotic network
// drift apart after a while, so CheckSpikes compares statistics there.
func ExactArch() bool { return runtime.GOARCH == "amd64" }

// CheckSpikes compares spikes with the golden file path: byte for byte on
// amd64; on other architectures, identical up to step exactUntil and the
// total count within tol (relative).
func CheckSpikes(t *testing.T, path string, spikes []Spike, dt float64, exactUntil int, tol float64) {
	t.Helper()
	got := Format(spikes, dt)
	if ExactArch() || golden.Update() {
		golden.Check(t, path, got)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	wantSpikes := parse(t, want, dt)
	var early, wantEarly []Spike
	for _, s := range spikes {
		if s.Step < exactUntil {
			early = append(early, s)
		}
	}
	for _, s := range wantSpikes {
		if s.Step < exactUntil {
			wantEarly = append(wantEarly, s)
		}
	}
	if !bytes.Equal(Format(early, dt), Format(wantEarly, dt)) {
		t.Errorf("spikes before step %d differ from %s", exactUntil, path)
	}
	if d := float64(len(spikes)-len(wantSpikes)) / float64(max(1, len(wantSpikes))); d > tol || d < -tol {
		t.Errorf("%d spikes, golden has %d (tolerance %.0f%%)", len(spikes), len(wantSpikes), 100*tol)
	}
}

func parse(t *testing.T, data []byte, dt float64) []Spike {
	var out []Spike
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n")[1:] {
		f := strings.Split(line, ",")
		ms, err1 := strconv.ParseFloat(f[0], 64)
		n, err2 := strconv.Atoi(f[1])
		if err1 != nil || err2 != nil {
			t.Fatalf("bad golden line %q", line)
		}
		out = append(out, Spike{int(ms/dt + 0.5), int32(n)})
	}
	return out
}

// NoAllocs fails t if step allocates. It skips under the race detector,
// where AllocsPerRun is meaningless (STYLE F4).
func NoAllocs(t *testing.T, step func()) {
	t.Helper()
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under -race")
	}
	if a := testing.AllocsPerRun(100, step); a != 0 {
		t.Errorf("Step allocates %v times per call, want 0", a)
	}
}

// Run takes steps steps and returns every spike, reading spikes() after each.
func Run(steps int, step func(), spikes func() []int32) []Spike {
	var out []Spike
	for i := range steps {
		step()
		for _, n := range spikes() {
			out = append(out, Spike{i, n})
		}
	}
	return out
}

// CheckTrace compares a trace (one value per row) with the golden file path
// within an absolute tolerance, on every architecture; values are stored
// with 10 significant digits.
func CheckTrace(t *testing.T, path string, trace []float64, tol float64) {
	t.Helper()
	var b bytes.Buffer
	for _, v := range trace {
		fmt.Fprintf(&b, "%.10g\n", v)
	}
	if golden.Update() {
		golden.Check(t, path, b.Bytes())
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Fields(string(want))
	if len(lines) != len(trace) {
		t.Fatalf("trace has %d values, %s has %d", len(trace), path, len(lines))
	}
	worst := 0.0
	for i, l := range lines {
		w, err := strconv.ParseFloat(l, 64)
		if err != nil {
			t.Fatalf("%s:%d: %v", path, i+1, err)
		}
		if d := abs(trace[i] - w); d > worst {
			worst = d
		}
		if d := abs(trace[i] - w); d > tol {
			t.Fatalf("%s:%d: value %.10g, golden %.10g (tolerance %g)", path, i+1, trace[i], w, tol)
		}
	}
	t.Logf("largest difference from %s: %g", path, worst)
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// SameSpikes reports whether two spike lists are identical.
func SameSpikes(a, b []Spike) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// BitIdentical reports whether two arrays hold the same float64 bit patterns.
func BitIdentical(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

// BitIdentical32 reports whether two arrays hold the same float32 bit patterns.
func BitIdentical32(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return false
		}
	}
	return true
}

// Sim is what the shared tests need of a generated model.
type Sim interface {
	Step()
	Spikes() []int32
	SetWorkers(n int)
	Close()
	StateArrays() []einrt.NamedArray
}

// WorkersBitIdentical runs a fresh model (from newModel) on 1, 2 and 3
// workers for steps steps and requires the same spikes and bit-identical
// states.
func WorkersBitIdentical(t *testing.T, newModel func() Sim, steps int) {
	t.Helper()
	type run struct {
		spikes []Spike
		states []einrt.NamedArray
	}
	results := map[int]run{}
	for _, w := range []int{1, 2, 3} {
		m := newModel()
		m.SetWorkers(w)
		spikes := Run(steps, m.Step, m.Spikes)
		m.Close()
		results[w] = run{spikes, m.StateArrays()}
	}
	if len(results[1].spikes) == 0 {
		t.Fatal("no spikes: the comparison proves nothing")
	}
	for _, w := range []int{2, 3} {
		if !SameSpikes(results[1].spikes, results[w].spikes) {
			t.Errorf("%d workers: spikes differ from 1 worker", w)
		}
		for i, a := range results[1].states {
			if b := results[w].states[i]; !BitIdentical(a.Data, b.Data) || !BitIdentical32(a.Data32, b.Data32) {
				t.Errorf("%d workers: state %s differs from 1 worker", w, a.Name)
			}
		}
	}
}

// BenchmarkStep measures one step of m with the given number of workers and
// reports ns per neuron-step.
func BenchmarkStep(b *testing.B, m Sim, workers, neurons int) {
	m.SetWorkers(workers)
	defer m.Close()
	// Collect the model's construction garbage (rate tables, connectivity)
	// now, not during the timed steps.
	runtime.GC()
	b.ReportAllocs()
	for b.Loop() {
		m.Step()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(neurons), "ns/neuron-step")
}

// ChunkSteps and ChunkWarmup shape BenchmarkChunks: chunks of ChunkSteps
// steps, timed after ChunkWarmup untimed steps (the onset volley of the
// networks, first touches of the state arrays and the workers' start).
const (
	ChunkSteps  = 10
	ChunkWarmup = 300
)

// BenchmarkChunks is BenchmarkStep timed per chunk: after ChunkWarmup
// steps it times every chunk of ChunkSteps steps with time.Now, one chunk
// per b.Loop iteration (so -benchtime 300x times 300 chunks), and reports
// the minimum, the 10th percentile and the median of the chunks' time per
// neuron-step besides the mean (ns/neuron-step). On a shared machine the
// minimum and the low percentiles move much less with the load than the
// mean, which a few descheduled chunks dominate.
func BenchmarkChunks(b *testing.B, m Sim, workers, neurons int) {
	m.SetWorkers(workers)
	defer m.Close()
	for range ChunkWarmup {
		m.Step()
	}
	runtime.GC()
	chunks := make([]time.Duration, 0, 1024)
	b.ReportAllocs()
	for b.Loop() {
		if len(chunks) == cap(chunks) {
			// Grow outside the timer, which keeps the growth out of the
			// allocation counts too.
			b.StopTimer()
			chunks = slices.Grow(chunks, len(chunks))
			b.StartTimer()
		}
		t0 := time.Now()
		for range ChunkSteps {
			m.Step()
		}
		chunks = append(chunks, time.Since(t0))
	}
	perStep := func(d time.Duration) float64 {
		return float64(d.Nanoseconds()) / ChunkSteps / float64(neurons)
	}
	lo, p10, med := ChunkStats(chunks)
	b.ReportMetric(perStep(b.Elapsed())/float64(b.N), "ns/neuron-step")
	b.ReportMetric(perStep(lo), "ns/neuron-step-min")
	b.ReportMetric(perStep(p10), "ns/neuron-step-p10")
	b.ReportMetric(perStep(med), "ns/neuron-step-median")
}

// ChunkStats sorts the chunk times d and returns their minimum, 10th
// percentile and median, each the element at that fraction of len(d)
// (d[len(d)/10], d[len(d)/2]), as the out-of-tree harness that measured
// the older numbers in docs/performance.md took them. d must not be empty.
func ChunkStats(d []time.Duration) (lo, p10, med time.Duration) {
	slices.Sort(d)
	return d[0], d[len(d)/10], d[len(d)/2]
}
