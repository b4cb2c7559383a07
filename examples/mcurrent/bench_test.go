package mcurrent_test

import (
	"testing"

	"github.com/einetc/einetc/examples/mcurrent"
	"github.com/einetc/einetc/internal/simtest"
)

// BenchmarkStep measures Step on 1 and 2 workers, in ns per neuron-step:
//
//	go test -run '^$' -bench . ./examples/mcurrent
//	GOEXPERIMENT=simd go test -run '^$' -bench . ./examples/mcurrent   # the AVX2 build
func BenchmarkStep(b *testing.B) {
	simtest.BenchmarkWorkers(b, func() (simtest.Sim, error) { return mcurrent.New(mcurrent.DefaultParams()) }, mcurrent.NumNeurons)
}
