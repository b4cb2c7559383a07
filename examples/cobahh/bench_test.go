package cobahh_test

import (
	"testing"

	"github.com/einetc/einetc/examples/cobahh"
	"github.com/einetc/einetc/internal/simtest"
)

// BenchmarkStep measures Step on 1 and 2 workers, in ns per neuron-step:
//
//	go test -run '^$' -bench . ./examples/cobahh
//	GOEXPERIMENT=simd go test -run '^$' -bench . ./examples/cobahh   # the AVX2 build
func BenchmarkStep(b *testing.B) {
	simtest.BenchmarkWorkers(b, func() (simtest.Sim, error) { return cobahh.New(cobahh.DefaultParams()) }, cobahh.NumNeurons)
}
