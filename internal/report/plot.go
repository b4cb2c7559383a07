package report

import (
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

func colour(i int) color.RGBA { return palette[i%len(palette)] }

// panel is one plot of a figure with its legend, which is drawn to the
// right of the plot's axes, never over the data.
type panel struct {
	p   *plot.Plot
	leg plot.Legend
}

func newPanel() *panel {
	leg := plot.NewLegend()
	leg.Top, leg.Left = true, true
	return &panel{p: plot.New(), leg: leg}
}

// swatch is a thick line in colour c, a legend entry that stays visible
// where the raster's dots are too small to tell colours apart.
func swatch(c color.Color) plot.Thumbnailer {
	return &plotter.Line{LineStyle: draw.LineStyle{Color: c, Width: vg.Points(5)}}
}

// save draws the panels in a column and writes base.png and base.svg.
func save(base string, panels []*panel, w, h vg.Length) error {
	img := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(110))
	drawPanels(panels, draw.New(img))
	if err := writeFile(base+".png", func(f io.Writer) error { _, err := vgimg.PngCanvas{Canvas: img}.WriteTo(f); return err }); err != nil {
		return err
	}
	svg := vgsvg.New(w, h)
	drawPanels(panels, draw.New(svg))
	return writeFile(base+".svg", func(f io.Writer) error { _, err := svg.WriteTo(f); return err })
}

// drawPanels lays the panels out in a column with their axes aligned, and
// each legend in a strip to the right of all axes, level with its panel's
// data area.
func drawPanels(panels []*panel, dc draw.Canvas) {
	gap := 3 * vg.Millimeter
	var legW vg.Length
	for _, p := range panels {
		r := p.leg.Rectangle(dc)
		legW = max(legW, r.Max.X-r.Min.X)
	}
	if legW > 0 {
		legW += gap
	}
	tiles := draw.Tiles{Rows: len(panels), Cols: 1, PadX: vg.Millimeter, PadY: 3 * vg.Millimeter, PadTop: 2 * vg.Millimeter, PadBottom: 2 * vg.Millimeter, PadLeft: 2 * vg.Millimeter, PadRight: 2 * vg.Millimeter}
	plots := make([][]*plot.Plot, len(panels))
	for i, p := range panels {
		plots[i] = []*plot.Plot{p.p}
	}
	canvases := plot.Align(plots, tiles, draw.Crop(dc, 0, -legW, 0, 0))
	for i, p := range panels {
		c := canvases[i][0]
		p.p.Draw(c)
		top := c.Max.Y
		if p.p.Title.Text != "" { // level with the data, below the title
			top -= p.p.Title.TextStyle.Height(p.p.Title.Text) + p.p.Title.Padding
		}
		p.leg.Draw(draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: c.Max.X + gap, Y: c.Min.Y},
			Max: vg.Point{X: dc.Max.X, Y: top},
		}})
	}
}

func writeFile(path string, write func(io.Writer) error) error { return atomicfile.Write(path, write) }
