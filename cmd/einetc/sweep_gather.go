package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"github.com/einetc/einetc/analysis"
	"github.com/einetc/einetc/internal/atomicfile"
	"github.com/einetc/einetc/internal/report"
	"github.com/einetc/einetc/internal/sweep"
)

// gathered is a sweep's results read back from its directory.
type gathered struct {
	m       sweep.Manifest
	points  []sweep.Point
	recs    []sweep.Record
	sums    []*summary // nil where the point has none
	parts   []string   // populations and groups, in summary.json's order
	metrics []metricField
}

// metricField is a number (or the regime) of analysis.Result, by its JSON
// name.
type metricField struct {
	name  string
	index int
}

// resultFields lists the fields of analysis.Result that sweep.csv carries:
// every one with a JSON name (all of its numbers and the regime).
func resultFields() []metricField {
	t := reflect.TypeFor[analysis.Result]()
	var fs []metricField
	for i := range t.NumField() {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if tag != "" && tag != "-" {
			fs = append(fs, metricField{tag, i})
		}
	}
	return fs
}

// readSweep reads sweep.json, every point's record and summary.json.
func readSweep(dir string) (*gathered, error) {
	b, err := os.ReadFile(filepath.Join(dir, sweep.ManifestName))
	if err != nil {
		return nil, fmt.Errorf("not a sweep directory: %v", unwrapPath(err))
	}
	g := &gathered{metrics: resultFields()}
	if err := json.Unmarshal(b, &g.m); err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(dir, sweep.ManifestName), err)
	}
	if len(g.m.Grid) == 0 {
		return nil, fmt.Errorf("%s: no grid", filepath.Join(dir, sweep.ManifestName))
	}
	g.points = g.m.Grid.Points()
	for _, p := range g.points {
		rec := sweep.ReadRecord(dir, p, g.m.Grid.Values(p))
		var s *summary
		if rec.Status != sweep.Missing {
			if b, err := os.ReadFile(filepath.Join(sweep.PointDir(dir, p.ID), "summary.json")); err == nil {
				s = new(summary)
				if json.Unmarshal(b, s) != nil {
					s = nil
				}
			}
		}
		if s != nil && g.parts == nil {
			for _, e := range append(s.Populations, s.Groups...) {
				g.parts = append(g.parts, e.Name)
			}
		}
		g.recs, g.sums = append(g.recs, rec), append(g.sums, s)
	}
	return g, nil
}

// result is the analysis of part in point k, or nil.
func (g *gathered) result(k int, part string) *analysis.Result {
	s := g.sums[k]
	if s == nil {
		return nil
	}
	for _, e := range append(s.Populations, s.Groups...) {
		if e.Name == part {
			return e.Analysis
		}
	}
	return nil
}

// gather rebuilds dir's sweep.csv and figures from its points and returns
// the numbers of points OK and failed.
func gather(dir string, quiet bool, stderr io.Writer) (ok, failed int, err error) {
	g, err := readSweep(dir)
	if err != nil {
		return 0, 0, err
	}
	for _, r := range g.recs {
		switch r.Status {
		case sweep.OK:
			ok++
		case sweep.Failed, sweep.Interrupted:
			failed++
		}
	}
	if err := atomicfile.Write(filepath.Join(dir, "sweep.csv"), g.writeCSV); err != nil {
		return ok, failed, err
	}
	if ok > 0 {
		if msg, err := g.figure(filepath.Join(dir, "sweep")); err != nil {
			return ok, failed, fmt.Errorf("sweep figure: %v", err)
		} else if msg != "" && !quiet {
			fmt.Fprintf(stderr, "einetc: %s\n", msg)
		}
	}
	return ok, failed, nil
}

// gatherCmd is `einetc sweep -gather DIR`.
func gatherCmd(dir string, quiet bool, stdout, stderr io.Writer) error {
	if g, err := readSweep(dir); err == nil {
		(&sweepJob{dir: dir, grid: g.m.Grid}).markLost() // points of Slurm tasks that were killed
	}
	ok, failed, err := gather(dir, quiet, stderr)
	if err != nil {
		return err
	}
	n := ok + failed
	g, _ := readSweep(dir)
	if g != nil {
		n = len(g.points)
	}
	fmt.Fprintf(stdout, "%s: %d of %d points ok, %d failed, %d not run\n", filepath.Join(dir, "sweep.csv"), ok, n, failed, n-ok-failed)
	if ok+failed < n || failed > 0 {
		return fmt.Errorf("the sweep is not complete: run its command again (sweep.json) to run the points that are missing or failed")
	}
	return nil
}

// writeCSV writes sweep.csv: one row per point, its values (a column per
// axis, unit in the header), status, wall time and error, then every
// analysis number of every population and group (empty when undefined or
// not run).
func (g *gathered) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"id"}
	for _, a := range g.m.Grid.Axes() {
		head = append(head, a.Header())
	}
	head = append(head, "status", "wall_s", "error")
	for _, part := range g.parts {
		for _, f := range g.metrics {
			head = append(head, part+"."+f.name)
		}
	}
	cw.Write(head)
	for k, p := range g.points {
		rec := g.recs[k]
		row := []string{p.ID}
		for _, v := range g.m.Grid.Numbers(p) {
			row = append(row, strconv.FormatFloat(v, 'g', -1, 64))
		}
		wall := ""
		if rec.Status != sweep.Missing {
			wall = strconv.FormatFloat(rec.WallS, 'f', 3, 64)
		}
		row = append(row, rec.Status, wall, rec.Error)
		for _, part := range g.parts {
			r := g.result(k, part)
			for _, f := range g.metrics {
				row = append(row, cell(r, f))
			}
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

func cell(r *analysis.Result, f metricField) string {
	if r == nil {
		return ""
	}
	switch v := reflect.ValueOf(*r).Field(f.index).Interface().(type) {
	case analysis.Float:
		if !v.Defined() {
			return ""
		}
		return strconv.FormatFloat(float64(v), 'g', -1, 64)
	case int:
		return strconv.Itoa(v)
	case string:
		return v
	}
	return ""
}

// keyMetrics are the numbers the sweep figure shows: segment χ next to χ
// because it is the one the regime reads (a drift of the rate raises χ
// alone; docs/analysis.md, "Regime").
var keyMetrics = []struct{ field, label string }{
	{"mean_rate_hz", "mean rate (Hz)"},
	{"cv_isi", "CV ISI"},
	{"synchrony_chi", "synchrony χ"},
	{"segment_chi", "segment χ"},
	{"burst_fraction", "burst fraction"},
}

// value is metric field of part at point k, NaN when undefined.
func (g *gathered) value(k int, part, field string) float64 {
	r := g.result(k, part)
	if r == nil || g.recs[k].Status != sweep.OK {
		return math.NaN()
	}
	for _, f := range g.metrics {
		if f.name == field {
			if v, ok := reflect.ValueOf(*r).Field(f.index).Interface().(analysis.Float); ok {
				return float64(v)
			}
		}
	}
	return math.NaN()
}

// swept are the dimensions of the grid other than a plain seed axis: the
// figure's axes (the seeds are repetitions).
func (g *gathered) swept() []int {
	var ds []int
	for d, dim := range g.m.Grid {
		if !(len(dim) == 1 && dim[0].Name == "seed") {
			ds = append(ds, d)
		}
	}
	return ds
}

// figure draws sweep.png/svg: for a 1-D sweep each key metric against the
// parameter with the spread over seeds as a band, for 2-D a heat map of each
// key metric (mean over seeds) for each part. It returns a note when the
// grid has no figure.
func (g *gathered) figure(base string) (string, error) {
	ds := g.swept()
	title := fmt.Sprintf("%s: sweep of %d points (%s)", g.m.Model, len(g.points), g.reps())
	switch len(ds) {
	case 0, 1:
		d := 0
		if len(ds) == 1 {
			d = ds[0]
		}
		a := g.m.Grid[d][0]
		var ms []report.SweepMetric
		for _, km := range keyMetrics {
			m := report.SweepMetric{Label: km.label, Parts: g.parts}
			for _, part := range g.parts {
				ys := make([][]float64, len(a.Values))
				for k, p := range g.points {
					ys[p.Index[d]] = append(ys[p.Index[d]], g.value(k, part, km.field))
				}
				m.Y = append(m.Y, ys)
			}
			ms = append(ms, m)
		}
		return "", report.SweepCurves(base, title, a.Header(), a.Log, a.Values, ms)
	case 2:
		ax, ay := g.m.Grid[ds[0]][0], g.m.Grid[ds[1]][0]
		var names []string
		var zs [][][]float64
		for _, part := range g.parts {
			for _, km := range keyMetrics {
				z := make([][]float64, len(ax.Values))
				n := make([][]int, len(ax.Values))
				for i := range z {
					z[i], n[i] = make([]float64, len(ay.Values)), make([]int, len(ay.Values))
				}
				for k, p := range g.points {
					i, j := p.Index[ds[0]], p.Index[ds[1]]
					if v := g.value(k, part, km.field); !math.IsNaN(v) {
						z[i][j] += v
						n[i][j]++
					}
				}
				for i := range z {
					for j := range z[i] {
						if n[i][j] == 0 {
							z[i][j] = math.NaN()
						} else {
							z[i][j] /= float64(n[i][j])
						}
					}
				}
				names = append(names, part+": "+km.label)
				zs = append(zs, z)
			}
		}
		return "", report.SweepHeatmaps(base, title, ax.Header(), ay.Header(), ax.Values, ay.Values, names, zs, len(keyMetrics))
	}
	return fmt.Sprintf("no sweep figure for %d swept dimensions (sweep.csv has every point)", len(ds)), nil
}

// reps describes the repetitions of each figure point: the seeds, or the
// run flags' seed.
func (g *gathered) reps() string {
	var parts []string
	for _, dim := range g.m.Grid {
		if len(dim) == 1 && dim[0].Name == "seed" && len(g.swept()) > 0 {
			how := "mean and range" // the curves' line and band
			if len(g.swept()) == 2 {
				how = "mean" // a heat map's cell
			}
			parts = append(parts, fmt.Sprintf("%s over %d seeds", how, len(dim[0].Values)))
		}
	}
	return strings.Join(append(parts, g.m.Flags...), "; ")
}
