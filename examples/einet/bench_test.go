package einet_test

import (
	"testing"

	"github.com/einetc/einetc/examples/einet"
	"github.com/einetc/einetc/internal/simtest"
)

// BenchmarkStep measures Step on 1 and 2 workers, in ns per neuron-step:
//
//	go test -run '^$' -bench . ./examples/einet
//	GOEXPERIMENT=simd go test -run '^$' -bench . ./examples/einet   # the AVX2 build
func BenchmarkStep(b *testing.B) {
	simtest.BenchmarkWorkers(b, func() (simtest.Sim, error) { return einet.New(einet.DefaultParams()) }, einet.NumNeurons)
}
