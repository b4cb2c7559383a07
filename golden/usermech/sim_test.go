package usermech

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

func BenchmarkStepWorkers2(b *testing.B) { simtest.BenchmarkStep(b, newModel(b), 2, NumNeurons) }

// TestWorkersBitIdentical runs the model on 1, 2 and 3 workers and requires
// the same spikes and bit-identical states.
func TestWorkersBitIdentical(t *testing.T) {
	simtest.WorkersBitIdentical(t, func() simtest.Sim { return newModel(t) }, min(steps(), 500))
}
