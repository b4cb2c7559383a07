package cobahh

import (
	"math"
	"strings"
	"testing"

	"github.com/einetc/einetc/internal/simtest"
)

func steps() int { return int(math.Round(DefaultDuration / DefaultDt)) }

func newModel(t testing.TB) *Model {
	m, err := New(DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestSpikes compares the raster with spikes.golden: exactly on amd64;
// elsewhere exactly for the first 30 ms and the count within 5 %.
func TestSpikes(t *testing.T) {
	m := newModel(t)
	simtest.CheckSpikes(t, "spikes.golden", simtest.Run(steps(), m.Step, m.Spikes), DefaultDt, 300, 0.05)
}

// TestNoAllocs proves that a step allocates nothing.
func TestNoAllocs(t *testing.T) {
	m := newModel(t)
	for range 20 {
		m.Step()
	}
	simtest.NoAllocs(t, m.Step)
}

func BenchmarkStep(b *testing.B) {
	m := newModel(b)
	b.ReportAllocs()
	for b.Loop() {
		m.Step()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/NumNeurons, "ns/neuron-step")
}

// TestWorkersBitIdentical runs the model on 1, 2 and 3 workers and requires
// the same spikes and bit-identical states.
func TestWorkersBitIdentical(t *testing.T) {
	n := min(steps(), 500)
	type run struct {
		spikes []simtest.Spike
		states []NamedArray
	}
	results := map[int]run{}
	for _, w := range []int{1, 2, 3} {
		m := newModel(t)
		m.SetWorkers(w)
		spikes := simtest.Run(n, m.Step, m.Spikes)
		m.Close()
		results[w] = run{spikes, m.StateArrays()}
	}
	for _, w := range []int{2, 3} {
		if !simtest.SameSpikes(results[1].spikes, results[w].spikes) {
			t.Errorf("%d workers: spikes differ from 1 worker", w)
		}
		for i, a := range results[1].states {
			if !simtest.BitIdentical(a.Data, results[w].states[i].Data) {
				t.Errorf("%d workers: state %s differs from 1 worker", w, a.Name)
			}
		}
	}
	if len(results[1].spikes) == 0 {
		t.Fatal("no spikes: the comparison proves nothing")
	}
}

func BenchmarkStepWorkers2(b *testing.B) {
	m := newModel(b)
	m.SetWorkers(2)
	defer m.Close()
	b.ReportAllocs()
	for b.Loop() {
		m.Step()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/NumNeurons, "ns/neuron-step")
}

// BenchmarkStepNoCheck is BenchmarkStep without the NaN/Inf check, to
// measure what the check costs.
func BenchmarkStepNoCheck(b *testing.B) {
	m := newModel(b)
	m.CheckFinite(false)
	b.ReportAllocs()
	for b.Loop() {
		m.Step()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/NumNeurons, "ns/neuron-step")
}

// TestNaNCheckReports poisons one neuron and checks the report names it.
func TestNaNCheckReports(t *testing.T) {
	m := newModel(t)
	m.Step()
	if err := m.Err(); err != nil {
		t.Fatalf("healthy model reports %v", err)
	}
	m.StateArrays()[0].Data[17] = math.NaN() // v of neuron 17
	m.Step()
	err := m.Err()
	if err == nil || !strings.Contains(err.Error(), "population P neuron 17: v is NaN after step 1 (previous v=NaN") {
		t.Fatalf("Err() = %v", err)
	}
}
