package report

import (
	"fmt"
	"image/color"
	"io"

	"github.com/einetc/einetc/internal/atomicfile"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// palette colours populations in declaration order (colour-blind safe, Okabe–Ito).
var palette = []color.RGBA{
	{0, 114, 178, 255}, {213, 94, 0, 255}, {0, 158, 115, 255}, {204, 121, 167, 255},
	{230, 159, 0, 255}, {86, 180, 233, 255}, {240, 228, 66, 255}, {0, 0, 0, 255},
}

// MaxRasterSpikes bounds the dots drawn in a raster; longer runs show their
// first MaxRasterSpikes spikes and say so in the title.
const MaxRasterSpikes = 200_000

// Raster draws the spike raster (time on x, neuron on y, populations
// coloured and labelled) above the populations' firing rates, and writes it
// as PNG and SVG next to each other: base+".png" and base+".svg".
func Raster(base, title string, s *Spikes, pops []Pop, durationMs float64) error {
	n := len(s.T)
	shown := durationMs
	if n >= MaxRasterSpikes {
		n = MaxRasterSpikes
		shown = s.T[n-1]
		title += fmt.Sprintf(" (first %.0f ms shown)", shown)
	}
	top := plot.New()
	top.Title.Text = title
	top.Y.Label.Text = "neuron index"
	top.X.Min, top.X.Max = 0, shown
	total := 0
	for i, p := range pops {
		var pts plotter.XYs
		for k := range n {
			if j := int(s.Neuron[k]); j >= p.Offset && j < p.Offset+p.Size {
				pts = append(pts, plotter.XY{X: s.T[k], Y: float64(j)})
			}
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil && len(pts) > 0 {
			return err
		}
		if sc == nil {
			sc = &plotter.Scatter{}
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: palette[i%len(palette)], Radius: vg.Points(0.6), Shape: draw.BoxGlyph{}}
		top.Add(sc)
		top.Legend.Add(fmt.Sprintf("%s (%s, %d)", p.Name, p.Type, p.Size), swatch(palette[i%len(palette)]))
		total = max(total, p.Offset+p.Size)
	}
	top.Y.Min, top.Y.Max = 0, float64(total)*(1+0.07*float64(len(pops))) // room for the legend
	top.Legend.Top = true

	bin := rateBin(shown)
	rates := Rate(&Spikes{T: s.T[:n], Neuron: s.Neuron[:n]}, pops, shown, bin)
	bottom := plot.New()
	bottom.X.Label.Text = "time (ms)"
	bottom.Y.Label.Text = fmt.Sprintf("rate (Hz, %g ms bins)", bin)
	bottom.X.Min, bottom.X.Max = 0, shown
	for i, p := range pops {
		pts := make(plotter.XYs, len(rates[i]))
		for b, r := range rates[i] {
			pts[b] = plotter.XY{X: (float64(b) + 0.5) * bin, Y: r}
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			return err
		}
		l.Color = palette[i%len(palette)]
		bottom.Add(l)
		bottom.Legend.Add(p.Name, swatch(palette[i%len(palette)]))
	}
	bottom.Legend.Top = true
	return save(base, [][]*plot.Plot{{top}, {bottom}}, 24*vg.Centimeter, 20*vg.Centimeter)
}

// swatch is a thick line in colour c, a legend entry that stays visible
// where the raster's dots are too small to tell colours apart.
func swatch(c color.Color) plot.Thumbnailer {
	return &plotter.Line{LineStyle: draw.LineStyle{Color: c, Width: vg.Points(5)}}
}

// rateBin picks a bin width giving about 200 bins, at least 1 ms.
func rateBin(durationMs float64) float64 {
	for _, b := range []float64{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000} {
		if durationMs/b <= 400 {
			return b
		}
	}
	return 1000
}

// Traces plots recorded state traces, one line per column, as base+".png".
func Traces(base, title string, names []string, t []float64, cols [][]float64) error {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "time (ms)"
	for i, name := range names {
		pts := make(plotter.XYs, 0, len(t))
		for k := range t {
			if y := cols[i][k]; y-y == 0 { // skip NaN and Inf (a run with -nocheck)
				pts = append(pts, plotter.XY{X: t[k], Y: y})
			}
		}
		if len(pts) == 0 {
			continue
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			return err
		}
		l.Color = palette[i%len(palette)]
		p.Add(l)
		p.Legend.Add(name, l)
	}
	return save(base, [][]*plot.Plot{{p}}, 24*vg.Centimeter, 12*vg.Centimeter)
}

// save draws the plots in a column and writes base.png and base.svg.
func save(base string, plots [][]*plot.Plot, w, h vg.Length) error {
	img := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(110))
	draw1(plots, draw.New(img))
	if err := writeFile(base+".png", func(f io.Writer) error { _, err := vgimg.PngCanvas{Canvas: img}.WriteTo(f); return err }); err != nil {
		return err
	}
	svg := vgsvg.New(w, h)
	draw1(plots, draw.New(svg))
	return writeFile(base+".svg", func(f io.Writer) error { _, err := svg.WriteTo(f); return err })
}

func draw1(plots [][]*plot.Plot, dc draw.Canvas) {
	tiles := draw.Tiles{Rows: len(plots), Cols: 1, PadX: vg.Millimeter, PadY: 3 * vg.Millimeter, PadTop: 2 * vg.Millimeter, PadBottom: 2 * vg.Millimeter, PadLeft: 2 * vg.Millimeter, PadRight: 4 * vg.Millimeter}
	canvases := plot.Align(plots, tiles, dc)
	for i := range plots {
		plots[i][0].Draw(canvases[i][0])
	}
}

func writeFile(path string, write func(io.Writer) error) error { return atomicfile.Write(path, write) }
