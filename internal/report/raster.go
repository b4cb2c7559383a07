package report

import (
	"fmt"
	"math"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// MaxRasterDots bounds the dots a raster draws: about what 100 ms of the
// 4000-neuron E–I network fires (15 000 spikes), which stays legible. A run
// with more spikes shows every k-th neuron (RasterStride), and when even
// that is too many, the first MaxRasterDots of their spikes.
const MaxRasterDots = 20_000

// MinRasterRows is the fewest neurons a thinned raster shows (all of them
// when the network is smaller).
const MinRasterRows = 100

// RasterStride is the k of "every k-th neuron" for a raster of spikes
// spikes among neurons neurons: 1 when they all fit in MaxRasterDots, else
// the stride that brings them down to it, keeping at least MinRasterRows
// rows.
func RasterStride(spikes, neurons int) int {
	k := (spikes + MaxRasterDots - 1) / MaxRasterDots
	return max(1, min(k, neurons/MinRasterRows))
}

// RasterData is what the raster figure draws: the spikes of the neurons
// whose index is a multiple of Stride (every neuron when Stride is 1), at
// most MaxRasterDots of them, which cover [0, ShownMs); and each part's
// firing rate over the whole run, from all of its spikes, in bins of BinMs.
type RasterData struct {
	Spikes  Spikes
	Stride  int
	Rows    int // neurons shown
	Neurons int
	ShownMs float64
	BinMs   float64
	Rates   [][]float64 // Rates[part][bin] in Hz
}

// Raster draws the spike raster (time on x, neuron on y, parts coloured
// and labelled) above the parts' firing rates, and writes it as PNG and
// SVG next to each other: base+".png" and base+".svg".
func Raster(base, title string, r *RasterData, parts []Pop, durationMs float64) error {
	shown := min(r.ShownMs, durationMs)
	var notes []string
	if r.Stride > 1 {
		notes = append(notes, fmt.Sprintf("every %s neuron shown (%d of %d)", ordinal(r.Stride), r.Rows, r.Neurons))
	}
	if shown < durationMs {
		notes = append(notes, fmt.Sprintf("first %.0f ms shown", shown))
	}
	for _, n := range notes {
		title += "\n" + n
	}
	top := newPanel()
	top.p.Title.Text = title
	top.p.Y.Label.Text = "neuron index"
	top.p.X.Min, top.p.X.Max = 0, shown
	s := &r.Spikes
	total := 0
	for i, p := range parts {
		var pts plotter.XYs
		for k := range s.T {
			if j := int(s.Neuron[k]); j >= p.Offset && j < p.Offset+p.Size {
				pts = append(pts, plotter.XY{X: s.T[k], Y: float64(j)})
			}
		}
		if len(pts) > 0 {
			sc, err := plotter.NewScatter(pts)
			if err != nil {
				return err
			}
			sc.GlyphStyle = draw.GlyphStyle{Color: colour(i), Radius: vg.Points(0.6), Shape: draw.BoxGlyph{}}
			top.p.Add(sc)
		}
		top.leg.Add(fmt.Sprintf("%s (%s, %d)", p.Name, p.Type, p.Size), swatch(colour(i)))
		total = max(total, p.Offset+p.Size)
	}
	top.p.Y.Min, top.p.Y.Max = 0, float64(total)

	bottom := newPanel()
	bottom.p.X.Label.Text = "time (ms)"
	bottom.p.Y.Label.Text = fmt.Sprintf("rate (Hz, %g ms bins)", r.BinMs)
	bottom.p.X.Min, bottom.p.X.Max = 0, shown
	for i, p := range parts {
		var pts plotter.XYs
		for b, v := range r.Rates[i] {
			if x := (float64(b) + 0.5) * r.BinMs; x <= shown {
				pts = append(pts, plotter.XY{X: x, Y: v})
			}
		}
		if len(pts) > 0 {
			l, err := plotter.NewLine(pts)
			if err != nil {
				return err
			}
			l.Color = colour(i)
			bottom.p.Add(l)
		}
		bottom.leg.Add(p.Name, swatch(colour(i)))
	}
	for _, pn := range []*panel{top, bottom} {
		pn.p.X.Tick.Marker, pn.p.Y.Tick.Marker = niceTicks{}, niceTicks{} // 250, not 250.00
	}
	return save(base, []*panel{top, bottom}, 24*vg.Centimeter, 20*vg.Centimeter)
}

// ordinal is "2nd", "3rd", "8th", "21st".
func ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return fmt.Sprint(n) + suffix
}

// rateBin picks a bin width giving at most 400 bins, at least 1 ms.
func rateBin(durationMs float64) float64 {
	for _, b := range []float64{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000} {
		if durationMs/b <= 400 {
			return b
		}
	}
	return math.Max(1000, math.Ceil(durationMs/400/1000)*1000)
}
