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

func BenchmarkStep(b *testing.B) { simtest.BenchmarkStep(b, newModel(b), 1, NumNeurons) }

func BenchmarkStepWorkers2(b *testing.B) { simtest.BenchmarkStep(b, newModel(b), 2, NumNeurons) }

// TestWorkersBitIdentical runs the model on 1, 2 and 3 workers and requires
// the same spikes and bit-identical states.
func TestWorkersBitIdentical(t *testing.T) {
	simtest.WorkersBitIdentical(t, func() simtest.Sim { return newModel(t) }, min(steps(), 500))
}

// BenchmarkStepNoCheck is BenchmarkStep without the NaN/Inf check, to
// measure what the check costs.
func BenchmarkStepNoCheck(b *testing.B) {
	m := newModel(b)
	m.CheckFinite(false)
	simtest.BenchmarkStep(b, m, 1, NumNeurons)
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
