package report

import (
	"fmt"
	"image/png"
	"io"
	"math"
	"slices"

	"github.com/einetc/einetc/analysis"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// DetailMs is the longest stretch of the analysis window that the analysis
// figure's raster and rate show (its spectra and distributions use the
// whole window).
const DetailMs = 1000

// AnalysisFigure draws the network-state analysis of parts (results[i] is
// the analysis of parts[i], over p's window) as base+".png" and base+".svg":
// a raster and the population rates of the window's first DetailMs, then,
// over the whole window, the power spectra of the rates, the distributions
// of the inter-spike intervals and of the neurons' firing rates. s holds
// every spike of the run.
func AnalysisFigure(base, title string, s *Spikes, parts []Pop, results []*analysis.Result, p analysis.Params) error {
	f := newAnalysisFig(title, p)
	if err := detailRaster(f.raster, s, parts, f.from, f.to); err != nil {
		return err
	}
	maxRate := 0.0
	for _, r := range results {
		for _, v := range r.Series.NeuronRate {
			maxRate = math.Max(maxRate, v)
		}
	}
	for i, r := range results {
		f.raster.leg.Add(fmt.Sprintf("%s (%d): %s, segment χ %s, spectral χ %s", parts[i].Name, parts[i].Size, r.Regime, fmtFloat(r.SegmentChi), fmtFloat(r.SpectralChi)), swatch(colour(i)))
		for _, e := range []error{
			f.line(f.rate, i, ratePoints(r.Series.Rate, p, f.bin, f.from, f.to), false),
			f.line(f.spec, i, psdPoints(r.Series.Freq, r.Series.PSD), false),
			f.line(f.isi, i, isiPoints(r.Series.ISI), true),
			f.line(f.rates, i, rateHist(r.Series.NeuronRate, maxRate), true),
		} {
			if e != nil {
				return e
			}
		}
	}
	f.axes()
	return saveGrid(base, [][]*panel{{f.raster}, {f.rate}, {f.spec, f.isi, f.rates}}, []float64{0.42, 0.22, 0.36}, 30*vg.Centimeter, 26*vg.Centimeter)
}

// analysisFig holds the panels of the analysis figure.
type analysisFig struct {
	raster, rate, spec, isi, rates *panel
	from, to, bin                  float64 // the detail's span and rate bin (ms)
	drawn                          map[*panel]bool
}

func newAnalysisFig(title string, p analysis.Params) *analysisFig {
	f := &analysisFig{from: p.FromMs, to: math.Min(p.ToMs, p.FromMs+DetailMs), drawn: map[*panel]bool{}}
	f.bin = math.Max(math.Max(p.BinMs, 1), niceBin((f.to-f.from)/500))
	f.raster = labelled(title+fmt.Sprintf("\nanalysis of %g–%g ms (docs/analysis.md)", p.FromMs, p.ToMs), "", "neuron index")
	f.rate = labelled("", "time (ms)", fmt.Sprintf("rate (Hz, %g ms bins)", f.bin))
	for _, pn := range []*panel{f.raster, f.rate} {
		pn.p.X.Min, pn.p.X.Max = f.from, f.to
	}
	f.spec = labelled("spectrum of the rate (Welch)", "frequency (Hz)", "power (Hz²/Hz)")
	f.isi = labelled("inter-spike intervals", "interval (ms)", "fraction of intervals")
	f.rates = labelled("firing rates", "rate (Hz)", "fraction of neurons")
	return f
}

func labelled(title, x, y string) *panel {
	pn := newPanel()
	pn.p.Title.Text, pn.p.X.Label.Text, pn.p.Y.Label.Text = title, x, y
	return pn
}

// line adds the curve of part i to pn (a histogram's steps when step).
func (f *analysisFig) line(pn *panel, i int, pts plotter.XYs, step bool) error {
	if len(pts) == 0 {
		return nil
	}
	l, err := plotter.NewLine(pts)
	if err != nil {
		return err
	}
	l.Color = colour(i)
	if step {
		l.StepStyle = plotter.MidStep
	}
	pn.p.Add(l)
	f.drawn[pn] = true
	return nil
}

// axes sets the scales and tick marks: linear axes with niceTicks, the
// spectrum's power and the intervals on log axes (which need data above 0:
// a silent window leaves them linear and empty).
func (f *analysisFig) axes() {
	for _, pn := range []*panel{f.raster, f.rate, f.spec, f.isi, f.rates} {
		pn.p.X.Tick.Marker, pn.p.Y.Tick.Marker = niceTicks{}, niceTicks{}
	}
	if f.drawn[f.spec] {
		f.spec.p.Y.Scale, f.spec.p.Y.Tick.Marker = plot.LogScale{}, logTicks{}
	}
	if f.drawn[f.isi] {
		f.isi.p.X.Scale, f.isi.p.X.Tick.Marker = plot.LogScale{}, logTicks{}
	}
	f.rates.p.X.Min, f.isi.p.Y.Min, f.rates.p.Y.Min = 0, 0, 0
}

// detailRaster adds the spikes of parts in [from, to) to pn, every k-th
// neuron when there are more than MaxRasterDots of them (RasterStride).
func detailRaster(pn *panel, s *Spikes, parts []Pop, from, to float64) error {
	neurons := extent(parts)
	lo, _ := slices.BinarySearch(s.T, from) // s.T is in time order
	hi, _ := slices.BinarySearch(s.T, to)
	stride := RasterStride(2*(hi-lo), neurons) // half raster.png's dots: a panel of a larger figure
	if stride > 1 {
		pn.p.Y.Label.Text = fmt.Sprintf("neuron index (every %s)", ordinal(stride))
	}
	pts := make([]plotter.XYs, len(parts))
	for k := lo; k < hi; k++ {
		j := int(s.Neuron[k])
		if j%stride != 0 {
			continue
		}
		for i, p := range parts {
			if j >= p.Offset && j < p.Offset+p.Size {
				pts[i] = append(pts[i], plotter.XY{X: s.T[k], Y: float64(j)})
				break
			}
		}
	}
	for i, pts := range pts {
		if len(pts) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: colour(i), Radius: vg.Points(0.6), Shape: draw.BoxGlyph{}}
		pn.p.Add(sc)
	}
	pn.p.Y.Min, pn.p.Y.Max = 0, float64(neurons)
	return nil
}

// niceBin rounds a bin width up to 1, 2 or 5 × 10ᵏ ms.
func niceBin(ms float64) float64 {
	if !(ms > 0) {
		return 1
	}
	step, _ := niceStep(ms)
	return step
}

// ratePoints rebins the analysis rate (bins of p.BinMs from p.FromMs) to
// bins of bin ms and returns the points in [from, to).
func ratePoints(rate []float64, p analysis.Params, bin, from, to float64) plotter.XYs {
	k := max(1, int(math.Round(bin/p.BinMs)))
	var pts plotter.XYs
	for b := 0; b+k <= len(rate); b += k {
		x := p.FromMs + (float64(b)+float64(k)/2)*p.BinMs
		if x >= to {
			break
		}
		sum := 0.0
		for _, v := range rate[b : b+k] {
			sum += v
		}
		if x >= from {
			pts = append(pts, plotter.XY{X: x, Y: sum / float64(k)})
		}
	}
	return pts
}

// psdPoints are the spectrum without DC and without what lies more than 12
// decades below its peak: zeros, which a log axis cannot show, and the
// rounding noise of a constant rate.
func psdPoints(freq, psd []float64) plotter.XYs {
	top := 0.0
	for k := 1; k < len(psd); k++ {
		top = math.Max(top, psd[k])
	}
	var pts plotter.XYs
	for k := 1; k < len(psd); k++ {
		if psd[k] > top*1e-12 {
			pts = append(pts, plotter.XY{X: freq[k], Y: psd[k]})
		}
	}
	return pts
}

// isiPoints is the distribution of the intervals in bins of a tenth of a
// decade, from 0.1 ms to the longest interval, as fractions of all; from
// every k-th interval when there are more than maxISIs (a curve of 40
// points does not need more).
func isiPoints(isi []float64) plotter.XYs {
	const maxISIs = 200_000
	if len(isi) == 0 {
		return nil
	}
	step := max(1, len(isi)/maxISIs)
	longest := 0.0
	for k := 0; k < len(isi); k += step {
		longest = math.Max(longest, isi[k])
	}
	lo, nb := -1.0, max(1, int(math.Ceil(10*(math.Log10(math.Max(longest, 0.1))+1)))+1)
	counts := make([]float64, nb)
	n := 0
	for k := 0; k < len(isi); k += step {
		b := int(math.Floor(10 * (math.Log10(math.Max(isi[k], 0.1)) - lo)))
		counts[min(max(b, 0), nb-1)]++
		n++
	}
	pts := make(plotter.XYs, nb)
	for b, c := range counts {
		pts[b] = plotter.XY{X: math.Pow(10, lo+(float64(b)+0.5)/10), Y: c / float64(n)}
	}
	return pts
}

// rateHist is the distribution of the neurons' rates in 40 bins up to
// maxRate, as fractions of the neurons.
func rateHist(rates []float64, maxRate float64) plotter.XYs {
	if len(rates) == 0 {
		return nil
	}
	w := niceBin(math.Max(maxRate, 1) / 40)
	nb := int(math.Floor(math.Max(maxRate, 1)/w)) + 1
	counts := make([]float64, nb)
	for _, v := range rates {
		counts[min(int(v/w), nb-1)]++
	}
	pts := make(plotter.XYs, nb)
	for b, c := range counts {
		pts[b] = plotter.XY{X: (float64(b) + 0.5) * w, Y: c / float64(len(rates))}
	}
	return pts
}

func fmtFloat(f analysis.Float) string {
	if !f.Defined() {
		return "–"
	}
	return fmt.Sprintf("%.2f", float64(f))
}

// saveGrid draws rows of panels (each row's height a fraction of h) and
// writes base.png and base.svg. The legends of the first row's panels are
// drawn in a strip to the right.
func saveGrid(base string, rows [][]*panel, heights []float64, w, h vg.Length) error {
	img := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(110))
	drawGrid(rows, heights, draw.New(img))
	// Fastest compression: a third of the time of the default level for a
	// file 20 % larger.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := writeFile(base+".png", func(f io.Writer) error { return enc.Encode(f, img.Image()) }); err != nil {
		return err
	}
	svg := vgsvg.New(w, h)
	drawGrid(rows, heights, draw.New(svg))
	return writeFile(base+".svg", func(f io.Writer) error { _, err := svg.WriteTo(f); return err })
}

func drawGrid(rows [][]*panel, heights []float64, dc draw.Canvas) {
	legW := vg.Length(0)
	for _, pn := range rows[0] {
		r := pn.leg.Rectangle(dc)
		legW = max(legW, r.Max.X-r.Min.X)
	}
	gap := 3 * vg.Millimeter
	if legW > 0 {
		legW += 2 * gap
	}
	top := dc.Max.Y
	full := dc.Max.Y - dc.Min.Y
	// The rows of one panel each share the left edge of their data area.
	var single [][]*plot.Plot
	for _, row := range rows {
		if len(row) == 1 {
			single = append(single, []*plot.Plot{row[0].p})
		}
	}
	tiles := func(r, c int) draw.Tiles {
		return draw.Tiles{Rows: r, Cols: c, PadX: 8 * vg.Millimeter, PadY: 3 * vg.Millimeter, PadTop: 2 * vg.Millimeter, PadBottom: 2 * vg.Millimeter, PadLeft: 2 * vg.Millimeter, PadRight: 2 * vg.Millimeter}
	}
	singleH := 0.0
	for i, row := range rows {
		if len(row) == 1 {
			singleH += heights[i]
		}
	}
	// The single-panel rows come first: Align gives their common left and
	// right edges; each gets its share of the height.
	area := draw.Crop(dc, 0, -legW, 0, 0)
	area.Min.Y = top - vg.Length(singleH)*full
	cs := plot.Align(single, tiles(len(single), 1), area)
	y := top
	for i, row := range single {
		c := cs[i][0]
		c.Max.Y = y - 2*vg.Millimeter
		y -= vg.Length(heights[i]) * full
		c.Min.Y = y + 2*vg.Millimeter
		row[0].Draw(c)
		pn := rows[i][0]
		t := c.Max.Y
		if pn.p.Title.Text != "" {
			t -= pn.p.Title.TextStyle.Height(pn.p.Title.Text) + pn.p.Title.Padding
		}
		pn.leg.Draw(draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: c.Max.X + gap, Y: c.Min.Y}, Max: vg.Point{X: dc.Max.X, Y: t}}})
	}
	// Then the row of several panels, below.
	low := dc
	low.Max.Y = area.Min.Y
	for _, row := range rows[len(single):] {
		ps := [][]*plot.Plot{make([]*plot.Plot, len(row))}
		for j, pn := range row {
			ps[0][j] = pn.p
		}
		cs := plot.Align(ps, tiles(1, len(row)), low)
		for j := range row {
			row[j].p.Draw(cs[0][j])
		}
	}
}
