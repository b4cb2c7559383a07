package einet_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/einetc/einetc/analysis"
	"github.com/einetc/einetc/examples/einet"
	"github.com/einetc/einetc/internal/report"
)

// BenchmarkAnalysisCost simulates 10 s of the E–I network once (one worker,
// as `einetc run` does by default), then times what the analysis adds to
// `einetc run`: package analysis on the population N and the groups E and I
// over the default window, and analysis.png and .svg. It reports the
// analysis time per run and its ratio to the simulation's wall time,
// measured in the same process:
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
	groups := []report.Pop{{Name: "N", Size: 4000}, {Name: "E", Size: 3200}, {Name: "I", Offset: 3200, Size: 800}}
	dir := b.TempDir()
	b.ResetTimer()
	for b.Loop() {
		var gs []analysis.Group
		for _, g := range groups {
			gs = append(gs, analysis.Group{First: g.Offset, N: g.Size})
		}
		rs, err := analysis.AnalyzeGroups(s, gs, p)
		if err != nil {
			b.Fatal(err)
		}
		err = report.AnalysisFigure(filepath.Join(dir, "analysis"), "EINet", &report.Spikes{T: s.T, Neuron: s.Neuron}, groups[1:], []*analysis.Result{&rs[1], &rs[2]}, p)
		if err != nil {
			b.Fatal(err)
		}
	}
	per := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(len(s.T)), "spikes")
	b.ReportMetric(sim.Seconds(), "sim-s")
	b.ReportMetric(per, "analysis-s")
	b.ReportMetric(per/sim.Seconds(), "analysis/sim")
}
