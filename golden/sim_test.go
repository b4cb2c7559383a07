package golden_test

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"testing"

	"github.com/einetc/einetc/examples/brunel"
	"github.com/einetc/einetc/examples/coba"
	"github.com/einetc/einetc/examples/cobahh"
	"github.com/einetc/einetc/examples/cuba"
	"github.com/einetc/einetc/examples/einet"
	"github.com/einetc/einetc/examples/mcurrent"
	"github.com/einetc/einetc/golden/cobahhf32"
	"github.com/einetc/einetc/golden/cobahhstd"
	"github.com/einetc/einetc/golden/cobahhtab"
	"github.com/einetc/einetc/golden/delay"
	"github.com/einetc/einetc/golden/delta"
	"github.com/einetc/einetc/golden/hetero"
	"github.com/einetc/einetc/golden/hhsingle"
	"github.com/einetc/einetc/golden/pointstd"
	"github.com/einetc/einetc/golden/reset"
	"github.com/einetc/einetc/golden/vth"
	"github.com/einetc/einetc/internal/simtest"
	einrt "github.com/einetc/einetc/runtime"
)

// A simCase is one generated package of a golden case or an example, and
// what its run is compared with.
type simCase struct {
	name     string // golden/<name> or examples/<name>
	dir      string // its directory, relative to this one: where its goldens are
	new      func() (simtest.Sim, error)
	neurons  int
	dt       float64 // ms: DefaultDt
	duration float64 // ms: DefaultDuration
	spikes   bool    // the raster is compared with spikes.golden
	trace    int     // ReadTrace's columns (len(TraceNames)); the first is compared with trace.golden
	workers  bool    // 1, 2 and 3 workers give the same spikes and states
}

// steps is the number of steps of the case's default run.
func (c simCase) steps() int { return int(math.Round(c.duration / c.dt)) }

var simCases = []simCase{
	// examples/cobahh runs 200 ms; its spike golden holds the first 100.
	{name: "cobahh", dir: "../examples/cobahh", new: func() (simtest.Sim, error) { return cobahh.New(cobahh.DefaultParams()) },
		neurons: cobahh.NumNeurons, dt: cobahh.DefaultDt, duration: 100, spikes: true, workers: true},
	// cobahhf32 is examples/cobahh compiled with -f32: its raster is exact
	// with and without SIMD, its own spikes.golden.
	{name: "cobahhf32", dir: "cobahhf32", new: func() (simtest.Sim, error) { return cobahhf32.New(cobahhf32.DefaultParams()) },
		neurons: cobahhf32.NumNeurons, dt: cobahhf32.DefaultDt, duration: 100, spikes: true, workers: true},
	{name: "cobahhstd", dir: "cobahhstd", new: func() (simtest.Sim, error) { return cobahhstd.New(cobahhstd.DefaultParams()) },
		neurons: cobahhstd.NumNeurons, dt: cobahhstd.DefaultDt, duration: cobahhstd.DefaultDuration},
	{name: "cobahhtab", dir: "cobahhtab", new: func() (simtest.Sim, error) { return cobahhtab.New(cobahhtab.DefaultParams()) },
		neurons: cobahhtab.NumNeurons, dt: cobahhtab.DefaultDt, duration: cobahhtab.DefaultDuration},
	{name: "delay", dir: "delay", new: func() (simtest.Sim, error) { return delay.New(delay.DefaultParams()) },
		neurons: delay.NumNeurons, dt: delay.DefaultDt, duration: delay.DefaultDuration},
	{name: "delta", dir: "delta", new: func() (simtest.Sim, error) { return delta.New(delta.DefaultParams()) },
		neurons: delta.NumNeurons, dt: delta.DefaultDt, duration: delta.DefaultDuration},
	{name: "hetero", dir: "hetero", new: func() (simtest.Sim, error) { return newHetero(hetero.DefaultParams()) },
		neurons: hetero.NumNeurons, dt: hetero.DefaultDt, duration: hetero.DefaultDuration, workers: true},
	{name: "hhsingle", dir: "hhsingle", new: func() (simtest.Sim, error) { return hhsingle.New(hhsingle.DefaultParams()) },
		neurons: hhsingle.NumNeurons, dt: hhsingle.DefaultDt, duration: hhsingle.DefaultDuration, spikes: true, trace: len(hhsingle.TraceNames)},
	{name: "einet", dir: "../examples/einet", new: func() (simtest.Sim, error) { return einet.New(einet.DefaultParams()) },
		neurons: einet.NumNeurons, dt: einet.DefaultDt, duration: einet.DefaultDuration, spikes: true, workers: true},
	// examples/coba runs 200 ms; its spike golden holds the first 100.
	{name: "coba", dir: "../examples/coba", new: func() (simtest.Sim, error) { return coba.New(coba.DefaultParams()) },
		neurons: coba.NumNeurons, dt: coba.DefaultDt, duration: 100, spikes: true, workers: true},
	// examples/cuba (solver = exact) runs 200 ms; its spike golden holds the first 100.
	{name: "cuba", dir: "../examples/cuba", new: func() (simtest.Sim, error) { return cuba.New(cuba.DefaultParams()) },
		neurons: cuba.NumNeurons, dt: cuba.DefaultDt, duration: 100, spikes: true, workers: true},
	// examples/brunel (12 500 neurons, 100 000 Poisson sources, 28 M
	// connections): its raster is checked against Brian2's in validation/
	// (case 8); here 20 ms for allocations and workers.
	{name: "brunel", dir: "../examples/brunel", new: func() (simtest.Sim, error) { return brunel.New(brunel.DefaultParams()) },
		neurons: brunel.NumNeurons, dt: brunel.DefaultDt, duration: 20, workers: true},
	{name: "pointstd", dir: "pointstd", new: func() (simtest.Sim, error) { return pointstd.New(pointstd.DefaultParams()) },
		neurons: pointstd.NumNeurons, dt: pointstd.DefaultDt, duration: pointstd.DefaultDuration},
	{name: "vth", dir: "vth", new: func() (simtest.Sim, error) { return vth.New(vth.DefaultParams()) },
		neurons: vth.NumNeurons, dt: vth.DefaultDt, duration: vth.DefaultDuration, workers: true},
	{name: "reset", dir: "reset", new: func() (simtest.Sim, error) { return reset.New(reset.DefaultParams()) },
		neurons: reset.NumNeurons, dt: reset.DefaultDt, duration: reset.DefaultDuration},
	{name: "mcurrent", dir: "../examples/mcurrent", new: func() (simtest.Sim, error) { return mcurrent.New(mcurrent.DefaultParams()) },
		neurons: mcurrent.NumNeurons, dt: mcurrent.DefaultDt, duration: mcurrent.DefaultDuration, spikes: true, workers: true},
}

func (c simCase) model(t testing.TB) simtest.Sim {
	m, err := c.new()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestSpikes compares each case's raster with its spikes.golden: exactly on
// amd64; elsewhere exactly for the first 30 ms and the count within 5 %.
func TestSpikes(t *testing.T) {
	for _, c := range simCases {
		if !c.spikes {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			m := c.model(t)
			defer m.Close()
			got := simtest.Run(c.steps(), m.Step, m.Spikes)
			simtest.CheckSpikes(t, filepath.Join(c.dir, "spikes.golden"), got, c.dt, 300, 0.05)
		})
	}
}

// TestTrace compares the membrane potential at every step with
// trace.golden within 1e-6 mV, on every architecture.
func TestTrace(t *testing.T) {
	for _, c := range simCases {
		if c.trace == 0 {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			m := c.model(t)
			defer m.Close()
			tr, ok := m.(interface{ ReadTrace([]float64) })
			if !ok {
				t.Fatal("the model records no traces")
			}
			row := make([]float64, c.trace)
			var v []float64
			for range c.steps() {
				tr.ReadTrace(row)
				v = append(v, row[0])
				m.Step()
			}
			simtest.CheckTrace(t, filepath.Join(c.dir, "trace.golden"), v, 1e-6)
		})
	}
}

// TestNoAllocs proves that a step allocates nothing: over the first 100
// steps, and over the next 100, which in the networks include the onset
// volley and so the delivery of spikes.
func TestNoAllocs(t *testing.T) {
	for _, c := range simCases {
		t.Run(c.name, func(t *testing.T) {
			m := c.model(t)
			defer m.Close()
			simtest.NoAllocs(t, m.Step)
			simtest.NoAllocs(t, m.Step)
		})
	}
}

// TestWorkersBitIdentical runs each network on 1, 2 and 3 workers and
// requires the same spikes and bit-identical states.
func TestWorkersBitIdentical(t *testing.T) {
	for _, c := range simCases {
		if !c.workers {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			simtest.WorkersBitIdentical(t, func() simtest.Sim { return c.model(t) }, min(c.steps(), 500))
		})
	}
}

// TestWorkersSpareParts is TestWorkersBitIdentical for a network large
// enough that two and three workers cut a step into 2n parts (runtime.SparePart):
// examples/einet with 6·SparePart neurons.
func TestWorkersSpareParts(t *testing.T) {
	if testing.Short() {
		t.Skip("a 24 576-neuron network: not in -short")
	}
	simtest.WorkersBitIdentical(t, func() simtest.Sim {
		p := einet.DefaultParams()
		n := 6 * einrt.SparePart
		if err := errors.Join(p.Set("n_total", float64(n)), p.Set("n_exc", float64(n*4/5))); err != nil {
			t.Fatal(err)
		}
		m, err := einet.New(p)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}, 300)
}

// BenchmarkStep times Step on one worker, per case:
//
//	go test -run '^$' -bench 'Step$/^cobahh$' ./golden
func BenchmarkStep(b *testing.B) {
	for _, c := range simCases {
		b.Run(c.name, func(b *testing.B) { simtest.BenchmarkStep(b, c.model(b), 1, c.neurons) })
	}
}

// BenchmarkStepWorkers2 is BenchmarkStep on two workers.
func BenchmarkStepWorkers2(b *testing.B) {
	for _, c := range simCases {
		b.Run(c.name, func(b *testing.B) { simtest.BenchmarkStep(b, c.model(b), 2, c.neurons) })
	}
}

// BenchmarkStepChunks is the chunk harness of docs/performance.md: per case
// and worker count, a fresh model, simtest.ChunkWarmup untimed steps, then
// one chunk of simtest.ChunkSteps steps per iteration, reporting the
// minimum, 10th percentile and median ns per neuron-step of the chunks:
//
//	go test -run '^$' -bench 'StepChunks/^cobahh$/workers=1' -benchtime 300x ./golden
func BenchmarkStepChunks(b *testing.B) {
	for _, c := range simCases {
		b.Run(c.name, func(b *testing.B) {
			for _, w := range []int{1, 2} {
				b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) { simtest.BenchmarkChunks(b, c.model(b), w, c.neurons) })
			}
		})
	}
}
