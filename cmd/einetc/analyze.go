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
	spikes := analysis.Spikes{Neuron: s.Neuron, T: s.T}
	one := func(ps []report.Pop, stats []report.PopStats) ([]popEntry, []*analysis.Result, error) {
		entries := make([]popEntry, len(ps))
		results := make([]*analysis.Result, len(ps))
		for i, p := range ps {
			entries[i].PopStats = stats[i]
			if simulatedMs <= 0 {
				continue
			}
			res, err := analysis.Analyze(spikes, p.Offset, p.Size, a.params)
			if err != nil {
				return nil, nil, fmt.Errorf("analysis of %s: %v", p.Name, err)
			}
			entries[i].Analysis, results[i] = &res, &res
		}
		return entries, results, nil
	}
	var err error
	if a.pops, a.popRs, err = one(pops, popStats); err != nil {
		return nil, err
	}
	if a.groups, a.groupRs, err = one(groups, groupStats); err != nil {
		return nil, err
	}
	return a, nil
}
