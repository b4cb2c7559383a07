package hhsingle

import (
	"math"
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

// TestTrace compares the membrane potential at every step with trace.golden
// within 1e-6 mV, on every architecture.
func TestTrace(t *testing.T) {
	m := newModel(t)
	row := make([]float64, len(TraceNames))
	var v []float64
	for range steps() {
		m.ReadTrace(row)
		v = append(v, row[0])
		m.Step()
	}
	simtest.CheckTrace(t, "trace.golden", v, 1e-6)
}
