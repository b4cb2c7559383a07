package report

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestRasterStride(t *testing.T) {
	for _, c := range []struct{ spikes, neurons, want int }{
		{15010, 4000, 1},    // 100 ms of the E–I network: every neuron
		{173941, 4000, 9},   // 1 s of it: every 9th neuron, 445 rows
		{5_000_000, 300, 3}, // never fewer than MinRasterRows rows
		{5_000_000, 50, 1},  // a small network stays whole
		{0, 0, 1},
	} {
		if got := RasterStride(c.spikes, c.neurons); got != c.want {
			t.Errorf("RasterStride(%d spikes, %d neurons) = %d, want %d", c.spikes, c.neurons, got, c.want)
		}
	}
}

// TestAnalyzeThins streams a long run of a network too dense to draw: the
// raster keeps the spikes of every k-th neuron only, while the statistics and
// the rates count every spike.
func TestAnalyzeThins(t *testing.T) {
	const neurons, durationMs = 1000, 1000.0
	var b strings.Builder
	b.WriteString("t_ms,neuron\n")
	all := &Spikes{}
	for step := range 1000 { // every neuron fires every 10 ms, offset by its index
		tm := float64(step)
		for n := step % 10; n < neurons; n += 10 {
			fmt.Fprintf(&b, "%g,%d\n", tm, n)
			all.T = append(all.T, tm)
			all.Neuron = append(all.Neuron, int32(n))
		}
	}
	path := filepath.Join(t.TempDir(), "spikes.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	pops := []Pop{{Name: "N", Offset: 0, Size: neurons}}
	r, st, _, err := Analyze(path, pops, nil, pops, durationMs, len(all.T))
	if err != nil {
		t.Fatal(err)
	}
	if r.Stride != 5 || r.Rows != 200 || r.Neurons != neurons {
		t.Errorf("stride %d, %d of %d rows; want every 5th neuron, 200 of 1000", r.Stride, r.Rows, r.Neurons)
	}
	if len(r.Spikes.T) != len(all.T)/5 || r.ShownMs != durationMs {
		t.Errorf("raster of %d spikes over %g ms, want %d over the whole run", len(r.Spikes.T), r.ShownMs, len(all.T)/5)
	}
	for _, n := range r.Spikes.Neuron {
		if n%5 != 0 {
			t.Fatalf("neuron %d drawn, not a multiple of the stride", n)
		}
	}
	if st[0].Spikes != len(all.T) || st[0].RateHz != 100 {
		t.Errorf("statistics over %d spikes at %g Hz, want all %d at 100 Hz", st[0].Spikes, st[0].RateHz, len(all.T))
	}
	if want := Rate(all, pops, durationMs, r.BinMs); !reflect.DeepEqual(r.Rates, want) {
		t.Errorf("rates of the drawn raster differ from those of every spike")
	}
}

func TestTracePanels(t *testing.T) {
	names := []string{"N.v[0]", "N.INa.m[0]", "N.v[1]", "N.INa.h[0]", "N.ca[0]"}
	units := []string{"mV", "1", "mV", "1", "mM"}
	groups := byUnit(units)
	if want := [][]int{{0, 2}, {1, 3}, {4}}; !reflect.DeepEqual(groups, want) {
		t.Fatalf("panels %v, want %v (one per unit: mV, gates, mM)", groups, want)
	}
	for i, want := range []string{"N.v (mV)", "N.INa.m, N.INa.h (dimensionless)", "N.ca (mM)"} {
		if got := axisLabel(names, groups[i], units[groups[i][0]]); got != want {
			t.Errorf("panel %d's axis: %q, want %q", i, got, want)
		}
	}
	dir := t.TempDir()
	tm := []float64{0, 1, 2}
	cols := [][]float64{{-65, -60, -55}, {0.1, 0.2, 0.3}, {-65, -64, -63}, {0.9, 0.8, 0.7}, {1e-4, 2e-4, 3e-4}}
	if err := Traces(filepath.Join(dir, "traces"), "title", names, units, tm, cols); err != nil {
		t.Fatal(err)
	}
	svg, _ := os.ReadFile(filepath.Join(dir, "traces.svg"))
	for _, label := range []string{"N.v (mV)", "(dimensionless)", "N.ca (mM)", "time (ms)"} {
		if !strings.Contains(string(svg), label) {
			t.Errorf("traces.svg lacks the axis label %q", label)
		}
	}
}

// TestAnalyzeFirstSpikes: when even MinRasterRows neurons fire more than
// MaxRasterDots spikes, the raster shows the first of them, and says until
// when it is complete.
func TestAnalyzeFirstSpikes(t *testing.T) {
	var b strings.Builder
	b.WriteString("t_ms,neuron\n")
	for step := range 1000 {
		for n := range 50 {
			fmt.Fprintf(&b, "%g,%d\n", float64(step), n)
		}
	}
	path := filepath.Join(t.TempDir(), "spikes.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	pops := []Pop{{Name: "N", Offset: 0, Size: 50}}
	r, st, _, err := Analyze(path, pops, nil, pops, 1000, 50_000)
	if err != nil {
		t.Fatal(err)
	}
	if r.Stride != 1 || len(r.Spikes.T) != MaxRasterDots || r.ShownMs != 399 || st[0].Spikes != 50_000 {
		t.Errorf("stride %d, %d dots up to %g ms, %d spikes counted; want 1, %d up to 399 ms, 50000", r.Stride, len(r.Spikes.T), r.ShownMs, st[0].Spikes, MaxRasterDots)
	}
}
