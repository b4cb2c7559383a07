package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"text/tabwriter"

	"github.com/einetc/einetc/internal/report"
)

// summary is summary.json.
type summary struct {
	Model       string            `json:"model"`
	Source      string            `json:"source"`
	Neurons     int               `json:"neurons"`
	Populations []report.PopStats `json:"populations"`
	Groups      []report.PopStats `json:"groups"`
	DtMs        float64           `json:"dt_ms"`
	DurationMs  float64           `json:"duration_ms"`
	Seed        uint64            `json:"seed"`
	Steps       int               `json:"steps"`
	Spikes      int               `json:"spikes"`
	BuildS      float64           `json:"build_s"`
	BuildCached bool              `json:"build_cached"`
	WallS       float64           `json:"wall_s"`
	StepsPerS   float64           `json:"steps_per_s"`
	Partial     bool              `json:"partial"`
	Error       string            `json:"error,omitempty"`
	SimRSSMiB   float64           `json:"sim_peak_rss_mib"` // of the simulation process
}

// report finalizes the outputs: the streamed CSVs are renamed into place, the
// statistics computed from spikes.csv, the plots and summary.json written
// (each through a temporary file), and a table printed.
func (r *runJob) report(res *simResult) error {
	for _, name := range []string{"spikes.csv", "traces.csv"} {
		part := filepath.Join(r.outDir, name+".part")
		if _, err := os.Stat(part); err == nil {
			if err := os.Rename(part, filepath.Join(r.outDir, name)); err != nil {
				return err
			}
		} else {
			os.Remove(filepath.Join(r.outDir, name)) // no stale file from an earlier run
		}
	}
	var pops, groups []report.Pop
	for _, p := range r.mod.Pops {
		pops = append(pops, report.Pop{Name: p.Name, Type: p.Type, Offset: p.Offset, Size: p.Size})
	}
	for _, g := range r.mod.Groups {
		groups = append(groups, report.Pop{Name: g.Name, Type: "group of " + g.Pop.Name, Offset: g.Pop.Offset + g.Lo, Size: g.Hi - g.Lo})
	}
	simulated := float64(res.Steps) * r.dt
	spikes, popStats, groupStats, err := report.Analyze(filepath.Join(r.outDir, "spikes.csv"), pops, groups, simulated, report.MaxRasterSpikes)
	if err != nil {
		return err
	}
	s := summary{Model: r.mod.Name, Source: r.src, Neurons: r.mod.Neurons, Populations: popStats,
		Groups: groupStats, BuildCached: r.buildS == 0,
		DtMs: r.dt, DurationMs: simulated, Seed: r.seed, Steps: res.Steps, Spikes: res.Spikes,
		BuildS: r.buildS, WallS: res.WallS, Partial: res.Partial, Error: res.Error,
		SimRSSMiB: float64(res.PeakRSS) / 1024}
	if res.WallS > 0 {
		s.StepsPerS = float64(res.Steps) / res.WallS
	}
	title := fmt.Sprintf("%s: %d neurons, %g ms, seed %d", r.mod.Name, r.mod.Neurons, simulated, r.seed)
	if err := report.Raster(filepath.Join(r.outDir, "raster"), title, spikes, report.Parts(pops, groups), simulated); err != nil {
		return fmt.Errorf("raster plot: %v", err)
	}
	files := []string{"spikes.csv", "raster.png", "raster.svg"}
	if t, err := os.Open(filepath.Join(r.outDir, "traces.csv")); err == nil {
		err = plotTraces(t, filepath.Join(r.outDir, "traces"))
		t.Close()
		if err != nil {
			return fmt.Errorf("trace plot: %v", err)
		}
		files = append(files, "traces.csv", "traces.png")
	}
	b, _ := json.MarshalIndent(s, "", "  ")
	if err := writeIfChanged(filepath.Join(r.outDir, "summary.json"), append(b, '\n')); err != nil {
		return err
	}
	files = append(files, "summary.json")
	if !r.o.quiet {
		r.table(s, files)
	}
	return nil
}

func (r *runJob) table(s summary, files []string) {
	w := tabwriter.NewWriter(r.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "population/group\tneurons\tspikes\tmean rate (Hz)\tmean CV ISI\t")
	for _, p := range append(s.Populations, s.Groups...) {
		cv := "-"
		if p.CVISI != nil {
			cv = strconv.FormatFloat(*p.CVISI, 'f', 2, 64)
		}
		fmt.Fprintf(w, "%s\t%d\t%d\t%.2f\t%s\t\n", p.Name, p.Neurons, p.Spikes, p.RateHz, cv)
	}
	w.Flush()
	state := ""
	if s.Partial {
		state = " (interrupted: partial run)"
	}
	fmt.Fprintf(r.stdout, "\n%s: %d steps in %.2f s (%.0f steps/s)%s\n", s.Model, s.Steps, s.WallS, s.StepsPerS, state)
	for _, f := range files {
		fmt.Fprintf(r.stdout, "  %s\n", filepath.Join(r.outDir, f))
	}
}

// plotTraces reads traces.csv (t_ms and one column per trace) and plots it.
func plotTraces(in io.Reader, base string) error {
	rows, err := csv.NewReader(in).ReadAll()
	if err != nil || len(rows) < 2 {
		return err
	}
	names := rows[0][1:]
	t := make([]float64, 0, len(rows)-1)
	cols := make([][]float64, len(names))
	for _, row := range rows[1:] {
		x, _ := strconv.ParseFloat(row[0], 64)
		t = append(t, x)
		for i := range names {
			v, _ := strconv.ParseFloat(row[i+1], 64)
			cols[i] = append(cols[i], v)
		}
	}
	return report.Traces(base, names, t, cols)
}
