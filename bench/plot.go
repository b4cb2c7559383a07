package main

import (
	"fmt"
	"image/color"
	"math"
	"os"
	"slices"
	"strconv"
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

// drawScaling plots ns per neuron-step against N, both on log scales (a
// contended multi-threaded run can be a hundred times slower than the
// others), one line per simulator, mode and thread count.
func drawScaling(r *results, path string) error {
	p := plot.New()
	p.Title.Text = "COBAHH, time per neuron-step: CPU on 1 thread, wall clock on more"
	p.X.Label.Text = "neurons N"
	p.Y.Label.Text = "ns per neuron-step"
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	var keys, modes []string
	var sizes []int
	pts := map[string]plotter.XYs{}
	modeOf := map[string]string{}
	lo, hi := math.Inf(1), 0.0
	for _, x := range r.rows {
		ns, _ := x.time()
		if ns <= 0 || !scalingRow(x) {
			continue
		}
		k := fmt.Sprintf("%s %s, %d thread", x.Simulator, x.Mode, x.Threads)
		if x.Threads > 1 {
			k += "s"
		}
		if _, ok := pts[k]; !ok {
			keys = append(keys, k)
			md := x.Simulator + " " + x.Mode
			modeOf[k] = md
			if !slices.Contains(modes, md) {
				modes = append(modes, md)
			}
		}
		pts[k] = append(pts[k], plotter.XY{X: float64(x.N), Y: ns})
		lo, hi = min(lo, ns), max(hi, ns)
		if !slices.Contains(sizes, x.N) {
			sizes = append(sizes, x.N)
		}
	}
	if len(keys) == 0 {
		return fmt.Errorf("nothing to plot")
	}
	slices.Sort(sizes)
	p.X.Min, p.X.Max = float64(sizes[0])/1.5, float64(sizes[len(sizes)-1])*1.5
	p.Y.Min, p.Y.Max = lo/1.5, hi*60 // room for the legend above the lines
	p.X.Tick.Marker = sizeTicks(sizes)
	p.Y.Tick.Marker = decadeTicks(p.Y.Min, p.Y.Max)
	for _, k := range keys {
		l, s, err := plotter.NewLinePoints(pts[k])
		if err != nil {
			return err
		}
		// One colour per simulator and mode (Brian2 black), dashed for
		// more than one thread.
		c := palette[slices.Index(modes, modeOf[k])%(len(palette)-1)]
		if strings.HasPrefix(k, "Brian2") {
			c = palette[len(palette)-1]
		}
		l.Color, s.Color = c, c
		l.Width = vg.Points(1.5)
		if !strings.HasSuffix(k, " 1 thread") {
			l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		}
		// The palette has six colours for the modes: the seventh mode on
		// repeats a colour, with triangles instead of circles.
		s.Shape = draw.GlyphDrawer(draw.CircleGlyph{})
		if !strings.HasPrefix(k, "Brian2") && slices.Index(modes, modeOf[k]) >= len(palette)-1 {
			s.Shape = draw.TriangleGlyph{}
		}
		p.Add(l, s)
		p.Legend.Add(k, l, s)
	}
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.TextStyle.Font.Size = vg.Points(9)
	p.Add(plotter.NewGrid())
	return p.Save(18*vg.Centimeter, 20*vg.Centimeter, path)
}

// scalingRow reports whether x belongs on the scaling plot: the COBAHH
// rows, measured at several N. The E–I and COBA LIF networks have one
// size each, so a point of theirs at N = 4 000 would read as a COBAHH
// measurement; the table holds them.
func scalingRow(x row) bool {
	switch x.Simulator {
	case einetSim, cobaSim, cobaBrian2Sim:
		return false
	}
	return true
}

// sizeTicks labels the measured sizes.
func sizeTicks(sizes []int) plot.ConstantTicks {
	var t []plot.Tick
	for _, n := range sizes {
		t = append(t, plot.Tick{Value: float64(n), Label: strconv.Itoa(n)})
	}
	return t
}

// decadeTicks labels 1, 2 and 5 times the powers of ten in [lo, hi].
func decadeTicks(lo, hi float64) plot.ConstantTicks {
	var t []plot.Tick
	for d := math.Pow(10, math.Floor(math.Log10(lo))); d <= hi; d *= 10 {
		for _, m := range []float64{1, 2, 5} {
			if v := m * d; v >= lo && v <= hi {
				t = append(t, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', -1, 64)})
			}
		}
	}
	return t
}
