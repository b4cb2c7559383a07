package main

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/einetc/einetc/analysis"
	"github.com/einetc/einetc/internal/report"
)

// summary is summary.json: the run's results and everything needed to tell
// it from another run and to repeat it.
type summary struct {
	Model        string       `json:"model"`
	Source       string       `json:"source"`
	SourceSHA256 string       `json:"source_sha256"` // of the files in Sources, in order
	Sources      []sourceFile `json:"sources"`       // the model's files, its imports included
	Command      []string     `json:"command"`       // einetc's command line (os.Args)
	Einetc       buildInfo    `json:"einetc"`
	Overrides    []override   `json:"overrides"` // the -set flags, in order
	Options      runOptions   `json:"options"`
	Neurons      int          `json:"neurons"`
	Populations  []popEntry   `json:"populations"`
	Groups       []popEntry   `json:"groups"`
	// The network-state analysis (package analysis, docs/analysis.md): its
	// window, its rate bin, and every parameter, so that each "analysis"
	// number can be recomputed from spikes.csv.
	AnalysisWindowMs [2]float64      `json:"analysis_window_ms"`
	BinMs            float64         `json:"bin_ms"`
	AnalysisParams   analysis.Params `json:"analysis_params"`
	DtMs             float64         `json:"dt_ms"`
	DurationMs       float64         `json:"duration_ms"`
	Seed             uint64          `json:"seed"`
	Steps            int             `json:"steps"`
	Spikes           int             `json:"spikes"`
	BuildS           float64         `json:"build_s"`
	BuildCached      bool            `json:"build_cached"`
	WallS            float64         `json:"wall_s"`
	StepsPerS        float64         `json:"steps_per_s"`
	Partial          bool            `json:"partial"`
	Error            string          `json:"error,omitempty"`
	SimRSSMiB        float64         `json:"sim_peak_rss_mib"` // of the simulation process
}

// sourceFile is one file of the model and its SHA-256.
type sourceFile struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
}

// override is one -set: the text given and the value the simulation used,
// in the unit the model writes the parameter in and in the internal unit
// that Params holds.
type override struct {
	Name          string  `json:"name"`  // the parameter, e.g. "N.IL.g_max"
	Given         string  `json:"given"` // the flag's argument as typed, e.g. "N.IL.g_max=0.2 mS/cm2"
	Value         float64 `json:"value"` // in Unit, e.g. 0.2
	Unit          string  `json:"unit"`  // the model's unit for it, e.g. "mS/cm2"
	InternalValue float64 `json:"internal_value"`
	InternalUnit  string  `json:"internal_unit"` // e.g. "nS/um2"
}

// runOptions are the options that shape the simulation's build and run.
type runOptions struct {
	Threads    int     `json:"threads"`
	Tables     bool    `json:"tables"`
	F32        bool    `json:"f32,omitempty"`
	SIMD       bool    `json:"simd"` // built with GOEXPERIMENT=simd (AVX2)
	StdMath    bool    `json:"stdmath"`
	NoCheck    bool    `json:"nocheck"`
	DtMs       float64 `json:"dt_ms"`
	DurationMs float64 `json:"duration_ms"` // requested (duration_ms above is what ran)
	Seed       uint64  `json:"seed"`
}

// sources lists the model's files, sorted by name, with their SHA-256, and
// a SHA-256 of them all (names and contents).
func sources(files map[string][]byte) ([]sourceFile, string) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	all := sha256.New()
	var list []sourceFile
	for _, n := range names {
		sum := sha256.Sum256(files[n])
		list = append(list, sourceFile{File: n, SHA256: hex.EncodeToString(sum[:])})
		fmt.Fprintf(all, "%s\x00%d\x00", n, len(files[n]))
		all.Write(files[n])
	}
	return list, hex.EncodeToString(all.Sum(nil))
}

// overrides pairs each -set as typed with the value passed to the
// simulation (setArgs holds "-set", "NAME=VALUE" pairs in the same order).
func (r *runJob) overrides() []override {
	list := []override{}
	for i := 0; i+1 < len(r.setArgs) && i/2 < len(r.o.sets); i += 2 {
		name, val, _ := strings.Cut(r.setArgs[i+1], "=")
		o := override{Name: name, Given: strings.TrimSpace(r.o.sets[i/2])}
		o.InternalValue, _ = strconv.ParseFloat(val, 64)
		o.Value = o.InternalValue
		for _, p := range r.mod.Params {
			if p.Name == name {
				spec := p.Spec()
				o.Unit, o.InternalUnit, o.Value = spec.Unit, spec.Internal, o.InternalValue/spec.Scale
			}
		}
		list = append(list, o)
	}
	return list
}

// title is the figures' title: the model, its size, the simulated time, the
// seed and, on a second line, the overrides.
func (r *runJob) title(simulatedMs float64) string {
	t := fmt.Sprintf("%s: %d neurons, %g ms, seed %d", r.mod.Name, r.sized.Neurons, simulatedMs, r.seed)
	if len(r.o.sets) > 0 {
		var sets []string
		for _, s := range r.o.sets {
			sets = append(sets, strings.TrimSpace(s))
		}
		t += "\n-set " + strings.Join(sets, ", ")
	}
	return t
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
	for _, p := range r.sized.Pops {
		pops = append(pops, report.Pop{Name: p.Name, Type: p.Type, Offset: p.Offset, Size: p.Size})
	}
	for _, g := range r.sized.Groups {
		groups = append(groups, report.Pop{Name: g.Name, Type: "group of " + g.Pop.Name, Offset: g.Pop.Offset + g.Lo, Size: g.Hi - g.Lo})
	}
	simulated := float64(res.Steps) * r.dt
	parts := report.Parts(pops, groups)
	// Every spike is kept for the analysis (memory O(spikes)).
	all := &report.Spikes{T: make([]float64, 0, res.Spikes), Neuron: make([]int32, 0, res.Spikes)}
	raster, popStats, groupStats, err := report.AnalyzeKeep(filepath.Join(r.outDir, "spikes.csv"), pops, groups, parts, simulated, res.Spikes, all)
	if err != nil {
		return err
	}
	an, err := r.analyze(all, pops, groups, popStats, groupStats, simulated)
	if err != nil {
		return err
	}
	srcs, hash := sources(r.sources)
	s := summary{Model: r.mod.Name, Source: r.src, SourceSHA256: hash, Sources: srcs,
		Command: r.commandLine(), Einetc: einetcBuild(), Overrides: r.overrides(),
		Options: runOptions{Threads: r.o.threads, Tables: r.o.tables, F32: r.o.f32, SIMD: r.simd, StdMath: r.o.stdMath,
			NoCheck: r.o.noCheck, DtMs: r.dt, DurationMs: r.duration, Seed: r.seed},
		Neurons: r.sized.Neurons, Populations: an.pops, Groups: an.groups,
		AnalysisWindowMs: an.window, BinMs: an.params.BinMs, AnalysisParams: an.params,
		BuildCached: r.buildS == 0,
		DtMs:        r.dt, DurationMs: simulated, Seed: r.seed, Steps: res.Steps, Spikes: res.Spikes,
		BuildS: r.buildS, WallS: res.WallS, Partial: res.Partial, Error: res.Error,
		SimRSSMiB: float64(res.PeakRSS) / 1024}
	if res.WallS > 0 {
		s.StepsPerS = float64(res.Steps) / res.WallS
	}
	files, err := r.figures(raster, all, parts, an, simulated)
	if err != nil {
		return err
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

// commandLine is the command summary.json records: einetc's own, or for a
// sweep's point the `einetc run` command that repeats it alone.
func (r *runJob) commandLine() []string {
	if r.command != nil {
		return r.command
	}
	return os.Args
}

// figures draws the raster, the analysis figure and the traces, and returns
// the files written (none for a sweep's point).
func (r *runJob) figures(raster *report.RasterData, all *report.Spikes, parts []report.Pop, an *analyzed, simulated float64) ([]string, error) {
	if r.noFigures {
		return []string{"spikes.csv"}, nil
	}
	title := r.title(simulated)
	if err := report.Raster(filepath.Join(r.outDir, "raster"), title, raster, parts, simulated); err != nil {
		return nil, fmt.Errorf("raster plot: %v", err)
	}
	files := []string{"spikes.csv", "raster.png", "raster.svg"}
	if rs := an.of(parts); rs != nil {
		if err := report.AnalysisFigure(filepath.Join(r.outDir, "analysis"), title, all, parts, rs, an.params); err != nil {
			return nil, fmt.Errorf("analysis plot: %v", err)
		}
		files = append(files, "analysis.png", "analysis.svg")
	}
	if t, err := os.Open(filepath.Join(r.outDir, "traces.csv")); err == nil {
		err = plotTraces(t, filepath.Join(r.outDir, "traces"), title, r.traceUnits())
		t.Close()
		if err != nil {
			return nil, fmt.Errorf("trace plot: %v", err)
		}
		files = append(files, "traces.csv", "traces.png", "traces.svg")
	}
	return files, nil
}

func (r *runJob) table(s summary, files []string) {
	w := tabwriter.NewWriter(r.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "population/group\tneurons\tspikes\tmean rate (Hz)\tmean CV ISI\tsegment χ\tspectral χ\tregime\t")
	num := func(x analysis.Float) string {
		if !x.Defined() {
			return "-"
		}
		return strconv.FormatFloat(float64(x), 'f', 2, 64)
	}
	for _, p := range append(s.Populations, s.Groups...) {
		cv, seg, spec, regime := "-", "-", "-", "-"
		if p.CVISI != nil {
			cv = strconv.FormatFloat(*p.CVISI, 'f', 2, 64)
		}
		if a := p.Analysis; a != nil {
			regime, seg, spec = a.Regime, num(a.SegmentChi), num(a.SpectralChi)
			if a.SpectralChiHz.Defined() {
				spec += fmt.Sprintf(" (%.0f Hz)", float64(a.SpectralChiHz))
			}
		}
		fmt.Fprintf(w, "%s\t%d\t%d\t%.2f\t%s\t%s\t%s\t%s\t\n", p.Name, p.Neurons, p.Spikes, p.RateHz, cv, seg, spec, regime)
	}
	w.Flush()
	state := ""
	if s.Partial {
		state = " (interrupted: partial run)"
	}
	fmt.Fprintf(r.stdout, "synchrony (segment and spectral χ, 0–1) and regime over %g–%g ms (-analyze-from); docs/analysis.md\n", s.AnalysisWindowMs[0], s.AnalysisWindowMs[1])
	fmt.Fprintf(r.stdout, "\n%s: %d steps in %.2f s (%.0f steps/s)%s\n", s.Model, s.Steps, s.WallS, s.StepsPerS, state)
	for _, f := range files {
		fmt.Fprintf(r.stdout, "  %s\n", filepath.Join(r.outDir, f))
	}
}

// traceUnits maps each recorded state (a RECORD's name, the columns of
// traces.csv without their "[i]") to its unit.
func (r *runJob) traceUnits() map[string]string {
	units := map[string]string{}
	for _, rec := range r.mod.Records {
		if rec.State != nil {
			units[rec.Name] = rec.State.Unit
		}
	}
	return units
}

// plotTraces reads traces.csv (t_ms and one column per trace) and plots it,
// one panel per unit.
func plotTraces(in io.Reader, base, title string, units map[string]string) error {
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
	colUnits := make([]string, len(names))
	for i, n := range names {
		if j := strings.LastIndexByte(n, '['); j > 0 {
			n = n[:j]
		}
		colUnits[i] = units[n]
	}
	return report.Traces(base, title, names, colUnits, t, cols)
}
