package main

import (
	"fmt"
	"image/color"
	"os"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

const (
	perfDoc   = "docs/performance.md"
	perfPlot  = "docs/performance-scaling.png"
	markBegin = "<!-- bench:begin: written by go run ./bench, do not edit by hand -->"
	markEnd   = "<!-- bench:end -->"
)

// writeDocs replaces the part of docs/performance.md between the markers
// with the table, creating the file if there is none, and draws the plot.
func writeDocs(r *results) error {
	if err := drawScaling(r, perfPlot); err != nil {
		return err
	}
	old, err := os.ReadFile(perfDoc)
	if os.IsNotExist(err) {
		old = []byte("# Performance\n\n" + markBegin + "\n" + markEnd + "\n")
	} else if err != nil {
		return err
	}
	doc := string(old)
	i, j := strings.Index(doc, markBegin), strings.Index(doc, markEnd)
	if i < 0 || j < i {
		return fmt.Errorf("%s: markers %q and %q not found", perfDoc, markBegin, markEnd)
	}
	doc = doc[:i] + markBegin + "\n" + markdown(r) + markEnd + doc[j+len(markEnd):]
	return os.WriteFile(perfDoc, []byte(doc), 0o644)
}

// series are the lines of the plot, in legend order; palette is Okabe–Ito
// as in internal/report.
var palette = []color.RGBA{
	{0, 114, 178, 255}, {213, 94, 0, 255}, {0, 158, 115, 255}, {204, 121, 167, 255},
	{230, 159, 0, 255}, {86, 180, 233, 255}, {0, 0, 0, 255},
}

// drawScaling plots ns per neuron-step against N (log scale), one line per
// simulator, mode and thread count.
func drawScaling(r *results, path string) error {
	p := plot.New()
	p.Title.Text = "COBAHH: cost per neuron-step (lower is better)"
	p.X.Label.Text = "neurons N"
	p.Y.Label.Text = "ns per neuron-step (CPU on 1 thread, wall on more)"
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	p.Y.Min = 0
	var keys []string
	pts := map[string]plotter.XYs{}
	for _, x := range r.rows {
		k := fmt.Sprintf("%s %s, %d thread", x.Simulator, x.Mode, x.Threads)
		if x.Threads > 1 {
			k += "s"
		}
		if _, ok := pts[k]; !ok {
			keys = append(keys, k)
		}
		ns, _ := x.time()
		pts[k] = append(pts[k], plotter.XY{X: float64(x.N), Y: ns})
		p.Y.Max = max(p.Y.Max, ns*1.4) // room for the legend
		if p.X.Min == 0 || float64(x.N)/1.5 < p.X.Min {
			p.X.Min = float64(x.N) / 1.5
		}
		p.X.Max = max(p.X.Max, float64(x.N)*1.5)
	}
	for i, k := range keys {
		l, s, err := plotter.NewLinePoints(pts[k])
		if err != nil {
			return err
		}
		c := palette[i%len(palette)]
		l.Color, s.Color = c, c
		l.Width = vg.Points(1.5)
		if strings.HasPrefix(k, "Brian2") {
			l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		}
		s.Shape = draw.CircleGlyph{}
		p.Add(l, s)
		p.Legend.Add(k, l, s)
	}
	p.Legend.Top = true
	p.Legend.Left = true
	p.Add(plotter.NewGrid())
	return p.Save(16*vg.Centimeter, 11*vg.Centimeter, path)
}
