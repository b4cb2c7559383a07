package cobahh_test

import (
	"fmt"
	"testing"

	"github.com/einetc/einetc/examples/cobahh"
)

// BenchmarkStep measures Step on 1 and 2 workers, in ns per neuron-step:
//
//	go test -run '^$' -bench . ./examples/cobahh
//	GOEXPERIMENT=simd go test -run '^$' -bench . ./examples/cobahh   # the AVX2 build
func BenchmarkStep(b *testing.B) {
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			m, err := cobahh.New(cobahh.DefaultParams())
			if err != nil {
				b.Fatal(err)
			}
			m.SetWorkers(w)
			defer m.Close()
			b.ReportAllocs()
			for b.Loop() {
				m.Step()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/cobahh.NumNeurons, "ns/neuron-step")
		})
	}
}
