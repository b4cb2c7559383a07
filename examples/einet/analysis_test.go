package einet_test

import (
	"testing"
	"time"

	"github.com/einetc/einetc/analysis"
	"github.com/einetc/einetc/examples/einet"
)

// BenchmarkAnalysisCost simulates 10 s of the E–I network once (one worker,
// as `einetc run` does by default), then times what the analysis adds to
// `einetc run`: package analysis on the population N and the groups E and I
// over the default window. It reports the analysis time per run and its
// ratio to the simulation's wall time, measured in the same process:
//
//	GOEXPERIMENT=simd go test -run '^$' -bench AnalysisCost -benchtime 5x ./examples/einet
func BenchmarkAnalysisCost(b *testing.B) {
	const durMs = 10000.0
	m, err := einet.New(einet.DefaultParams())
	if err != nil {
		b.Fatal(err)
	}
	var s analysis.Spikes
	steps := int(durMs / einet.DefaultDt)
	start := time.Now()
	m.Run(steps, func(m *einet.Model) {
		t := m.Time() - m.P.Dt
		for _, n := range m.Spikes() {
			s.Neuron = append(s.Neuron, n)
			s.T = append(s.T, t)
		}
	})
	sim := time.Since(start)
	p := analysis.DefaultParams(analysis.DefaultFrom(durMs), durMs)
	groups := [][2]int{{0, 4000}, {0, 3200}, {3200, 800}} // N, E, I
	b.ResetTimer()
	for b.Loop() {
		for _, g := range groups {
			if _, err := analysis.Analyze(s, g[0], g[1], p); err != nil {
				b.Fatal(err)
			}
		}
	}
	per := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(len(s.T)), "spikes")
	b.ReportMetric(sim.Seconds(), "sim-s")
	b.ReportMetric(per, "analysis-s")
	b.ReportMetric(per/sim.Seconds(), "analysis/sim")
}
