package main

import (
	"fmt"

	"github.com/einetc/einetc/analysis"
	"github.com/einetc/einetc/internal/report"
)

// popEntry is a population or group of summary.json: the statistics of the
// whole run and the network-state analysis of the analysis window.
type popEntry struct {
	report.PopStats
	Analysis *analysis.Result `json:"analysis"` // null when nothing was simulated
}

// analyzed is the analysis of a run: the window, the parameters, and one
// result per population and group.
type analyzed struct {
	window         [2]float64
	params         analysis.Params
	pops, groups   []popEntry
	popRs, groupRs []*analysis.Result
}

// analyze runs package analysis on every population and group over
// [-analyze-from, end of the run). A run interrupted before -analyze-from
// is analyzed from the default start of its own length.
func (r *runJob) analyze(s *report.Spikes, pops, groups []report.Pop, popStats, groupStats []report.PopStats, simulatedMs float64) (*analyzed, error) {
	from := r.analyzeFrom
	if from >= simulatedMs {
		from = analysis.DefaultFrom(simulatedMs)
	}
	a := &analyzed{window: [2]float64{from, simulatedMs}, params: analysis.DefaultParams(from, simulatedMs)}
	var gs []analysis.Group
	for _, p := range append(pops, groups...) {
		gs = append(gs, analysis.Group{First: p.Offset, N: p.Size})
	}
	var rs []analysis.Result
	if simulatedMs > 0 {
		var err error
		if rs, err = analysis.AnalyzeGroups(analysis.Spikes{Neuron: s.Neuron, T: s.T}, gs, a.params); err != nil {
			return nil, fmt.Errorf("analysis: %v", err)
		}
	}
	entries := func(stats []report.PopStats, off int) ([]popEntry, []*analysis.Result) {
		es := make([]popEntry, len(stats))
		results := make([]*analysis.Result, len(stats))
		for i := range stats {
			es[i].PopStats = stats[i]
			if rs != nil {
				es[i].Analysis, results[i] = &rs[off+i], &rs[off+i]
			}
		}
		return es, results
	}
	a.pops, a.popRs = entries(popStats, 0)
	a.groups, a.groupRs = entries(groupStats, len(pops))
	return a, nil
}

// of returns the results of parts (populations and groups, by name), or nil
// when one has none (nothing was simulated).
func (a *analyzed) of(parts []report.Pop) []*analysis.Result {
	byName := map[string]*analysis.Result{}
	for i, e := range a.pops {
		byName[e.Name] = a.popRs[i]
	}
	for i, e := range a.groups {
		byName[e.Name] = a.groupRs[i]
	}
	rs := make([]*analysis.Result, len(parts))
	for i, p := range parts {
		if rs[i] = byName[p.Name]; rs[i] == nil {
			return nil
		}
	}
	return rs
}
