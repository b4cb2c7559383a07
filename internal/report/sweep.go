package report

import (
	"image/color"
	"image/png"
	"io"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// SweepMetric is one metric of a sweep for each part (population or group):
// Y[part][i] holds its values at the i-th swept value, one per repetition
// (seed); NaN where it is undefined or the point failed.
type SweepMetric struct {
	Label string
	Parts []string
	Y     [][][]float64
}

// SweepCurves draws a 1-D sweep as base+".png" and base+".svg": one panel
// per metric, against x (on a log axis when xLog), a line through the mean
// over repetitions of each part and a band from the smallest to the
// largest value.
func SweepCurves(base, title, xLabel string, xLog bool, x []float64, metrics []SweepMetric) error {
	var panels []*panel
	for k, m := range metrics {
		pn := labelled("", "", m.Label)
		if k == 0 {
			pn.p.Title.Text = title
		}
		if k == len(metrics)-1 {
			pn.p.X.Label.Text = xLabel
		}
		var lines []plot.Plotter // drawn over every band
		for j, part := range m.Parts {
			mean, band := meanBand(x, m.Y[j])
			if len(mean) == 0 {
				continue
			}
			c := colour(j)
			if len(band) > 2 {
				poly, err := plotter.NewPolygon(band)
				if err != nil {
					return err
				}
				poly.Color = color.NRGBA{c.R, c.G, c.B, 50} // translucent: overlapping bands stay visible
				poly.LineStyle.Width = 0
				pn.p.Add(poly)
			}
			l, pts, err := plotter.NewLinePoints(mean)
			if err != nil {
				return err
			}
			l.Color, pts.Color = c, c
			pts.Shape = draw.CircleGlyph{}
			lines = append(lines, l, pts)
			pn.leg.Add(part, swatch(c))
		}
		pn.p.Add(lines...)
		pn.p.X.Tick.Marker, pn.p.Y.Tick.Marker = niceTicks{}, niceTicks{}
		if xLog {
			pn.p.X.Scale, pn.p.X.Tick.Marker = plot.LogScale{}, logTicks{}
		}
		panels = append(panels, pn)
	}
	h := vg.Length(len(metrics))*5*vg.Centimeter + 2*vg.Centimeter
	return save(base, panels, 22*vg.Centimeter, h)
}

// meanBand is the mean over each x's defined values, and the polygon from
// their minimum (left to right) to their maximum (right to left).
func meanBand(x []float64, ys [][]float64) (plotter.XYs, plotter.XYs) {
	var mean, lo, hi plotter.XYs
	for i, vs := range ys {
		var sum float64
		n := 0
		mn, mx := math.Inf(1), math.Inf(-1)
		for _, v := range vs {
			if !math.IsNaN(v) {
				sum += v
				n++
				mn, mx = math.Min(mn, v), math.Max(mx, v)
			}
		}
		if n == 0 {
			continue
		}
		mean = append(mean, plotter.XY{X: x[i], Y: sum / float64(n)})
		lo = append(lo, plotter.XY{X: x[i], Y: mn})
		hi = append(hi, plotter.XY{X: x[i], Y: mx})
	}
	slices.Reverse(hi)
	return mean, append(lo, hi...)
}

// SweepHeatmaps draws a 2-D sweep: one heat map per entry of z (z[k][i][j]
// at x[i], y[j], NaN where undefined), titled names[k], each cell coloured
// and labelled with its value, in rows of at most cols maps.
func SweepHeatmaps(base, title, xLabel, yLabel string, x, y []float64, names []string, z [][][]float64, cols int) error {
	var plots []*plot.Plot
	for k := range z {
		p, err := heatmap(names[k], xLabel, yLabel, x, y, z[k])
		if err != nil {
			return err
		}
		plots = append(plots, p)
	}
	cols = min(cols, len(plots))
	rows := (len(plots) + cols - 1) / cols
	w := vg.Length(cols)*11*vg.Centimeter + vg.Centimeter
	h := vg.Length(rows)*9*vg.Centimeter + 2*vg.Centimeter
	draw := func(dc draw.Canvas) { drawHeatmaps(dc, title, plots, rows, cols) }
	img := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(110))
	draw(drawCanvas(img))
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := writeFile(base+".png", func(f io.Writer) error { return enc.Encode(f, img.Image()) }); err != nil {
		return err
	}
	svg := vgsvg.New(w, h)
	draw(drawCanvas(svg))
	return writeFile(base+".svg", func(f io.Writer) error { _, err := svg.WriteTo(f); return err })
}

func drawCanvas(c vg.CanvasSizer) draw.Canvas { return draw.New(c) }

func drawHeatmaps(dc draw.Canvas, title string, plots []*plot.Plot, rows, cols int) {
	t := plot.New()
	t.Title.Text = title
	th := t.Title.TextStyle.Height(title) + 4*vg.Millimeter
	t.Title.TextStyle.XAlign = draw.XCenter
	dc.FillText(t.Title.TextStyle, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: dc.Max.Y - 2*vg.Millimeter - t.Title.TextStyle.Height(title)/2}, title)
	area := draw.Crop(dc, 0, 0, 0, -th)
	grid := make([][]*plot.Plot, rows)
	for r := range grid {
		grid[r] = make([]*plot.Plot, cols)
		for c := range cols {
			if i := r*cols + c; i < len(plots) {
				grid[r][c] = plots[i]
			}
		}
	}
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: 8 * vg.Millimeter, PadY: 6 * vg.Millimeter, PadTop: 2 * vg.Millimeter, PadBottom: 2 * vg.Millimeter, PadLeft: 2 * vg.Millimeter, PadRight: 4 * vg.Millimeter}
	cs := plot.Align(grid, tiles, area)
	for r := range grid {
		for c, p := range grid[r] {
			if p != nil {
				p.Draw(cs[r][c])
			}
		}
	}
}

// heatGrid is a grid of cells at integer positions (the swept values'
// indices, labelled with the values), so that a log-spaced axis has cells
// of equal size.
type heatGrid struct{ z [][]float64 }

func (g heatGrid) Dims() (int, int)   { return len(g.z), len(g.z[0]) }
func (g heatGrid) Z(c, r int) float64 { return g.z[c][r] }
func (g heatGrid) X(c int) float64    { return float64(c) }
func (g heatGrid) Y(r int) float64    { return float64(r) }

func minMax(z [][]float64) (float64, float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, col := range z {
		for _, v := range col {
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	return lo, hi
}

func heatmap(name, xLabel, yLabel string, x, y []float64, z [][]float64) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text, p.X.Label.Text, p.Y.Label.Text = name, xLabel, yLabel
	lo, hi := minMax(z)
	if math.IsInf(lo, 1) { // nothing defined
		lo, hi = 0, 1
	}
	if hi == lo {
		hi = lo + 1
	}
	pal := moreland.Kindlmann() // perceptually uniform, dark to light: a grey NaN cell stands apart
	pal.SetMin(lo)
	pal.SetMax(hi)
	hm := plotter.NewHeatMap(heatGrid{z}, pal.Palette(255))
	hm.Min, hm.Max = lo, hi
	hm.NaN = color.RGBA{200, 200, 200, 255}
	p.Add(hm)
	var labels plotter.XYLabels
	for i := range z {
		for j, v := range z[i] {
			s := "–"
			if !math.IsNaN(v) {
				s = strconv.FormatFloat(v, 'g', 3, 64)
			}
			labels.XYs = append(labels.XYs, plotter.XY{X: float64(i), Y: float64(j)})
			labels.Labels = append(labels.Labels, s)
		}
	}
	l, err := plotter.NewLabels(labels)
	if err != nil {
		return nil, err
	}
	for i := range l.TextStyle {
		l.TextStyle[i].XAlign, l.TextStyle[i].YAlign = draw.XCenter, draw.YCenter
		l.TextStyle[i].Font.Size = vg.Points(7)
		if v := z[i/len(y)][i%len(y)]; !math.IsNaN(v) && (v-lo)/(hi-lo) < 0.55 {
			l.TextStyle[i].Color = color.White // legible on the dark end
		}
	}
	p.Add(l)
	p.X.Tick.Marker, p.Y.Tick.Marker = valueTicks(x), valueTicks(y)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = -0.5, float64(len(x))-0.5, -0.5, float64(len(y))-0.5
	return p, nil
}

// valueTicks labels cell i with v[i] (every k-th when there are many).
func valueTicks(v []float64) plot.ConstantTicks {
	k := max(1, (len(v)+11)/12)
	var ts plot.ConstantTicks
	for i, x := range v {
		t := plot.Tick{Value: float64(i)}
		if i%k == 0 {
			t.Label = strconv.FormatFloat(x, 'g', 4, 64)
		}
		ts = append(ts, t)
	}
	return ts
}
