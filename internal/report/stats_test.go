package report

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/einetc/einetc/internal/golden" // registers -update
)

// TestStats checks counts, rates and CV ISI on a raster built by hand.
func TestStats(t *testing.T) {
	// Neuron 0: regular, ISI 10 ms -> CV 0. Neuron 1: ISIs 10 and 30 -> CV 0.5.
	// Neuron 2 (second population): two spikes only -> no CV.
	s := &Spikes{
		T:      []float64{0, 5, 10, 15, 20, 45, 50, 60},
		Neuron: []int32{0, 1, 0, 1, 0, 1, 2, 2},
	}
	pops := []Pop{{Name: "A", Offset: 0, Size: 2}, {Name: "B", Offset: 2, Size: 1}}
	st := Stats(s, pops, 100)
	if st[0].Spikes != 6 || st[1].Spikes != 2 {
		t.Fatalf("spikes %d, %d", st[0].Spikes, st[1].Spikes)
	}
	if st[0].RateHz != 30 || st[1].RateHz != 20 {
		t.Errorf("rates %g, %g Hz", st[0].RateHz, st[1].RateHz)
	}
	if st[0].CVISI == nil || math.Abs(*st[0].CVISI-0.25) > 1e-12 || st[0].CVNeuron != 2 {
		t.Errorf("CV of A = %v over %d neurons, want mean(0, 0.5) = 0.25", st[0].CVISI, st[0].CVNeuron)
	}
	if st[1].CVISI != nil {
		t.Errorf("CV of B = %v, want none", *st[1].CVISI)
	}
	r := Rate(s, pops, 100, 50)
	if r[0][0] != 6/(2*0.05) || r[1][1] != 2/(1*0.05) || r[0][1] != 0 {
		t.Errorf("rates %v", r)
	}
}

func TestParts(t *testing.T) {
	pops := []Pop{{Name: "N", Offset: 0, Size: 10}, {Name: "P", Offset: 10, Size: 5}}
	groups := []Pop{{Name: "I", Offset: 8, Size: 2}, {Name: "E", Offset: 0, Size: 8}, {Name: "X", Offset: 10, Size: 2}}
	var names []string
	for _, p := range Parts(pops, groups) {
		names = append(names, p.Name)
	}
	if got := len(names); got != 3 || names[0] != "E" || names[1] != "I" || names[2] != "P" {
		t.Errorf("parts %v, want [E I P] (X does not tile P)", names)
	}
}

// TestRasterFiles checks that the plots are written, complete, as PNG and SVG.
func TestRasterFiles(t *testing.T) {
	dir := t.TempDir()
	r := &RasterData{Spikes: Spikes{T: []float64{1, 2, 3}, Neuron: []int32{0, 1, 2}}, Stride: 1, Rows: 3, Neurons: 3, ShownMs: 10, BinMs: 1, Rates: [][]float64{make([]float64, 10)}}
	if err := Raster(filepath.Join(dir, "raster"), "t", r, []Pop{{Name: "N", Type: "HH", Size: 3}}, 10); err != nil {
		t.Fatal(err)
	}
	png, _ := os.ReadFile(filepath.Join(dir, "raster.png"))
	svg, _ := os.ReadFile(filepath.Join(dir, "raster.svg"))
	if len(png) < 8 || string(png[1:4]) != "PNG" {
		t.Error("raster.png is not a PNG")
	}
	if len(svg) == 0 || !strings.Contains(string(svg), "</svg>") {
		t.Error("raster.svg is not a complete SVG")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".tmp-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
