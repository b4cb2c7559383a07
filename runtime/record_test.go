package runtime

import (
	"slices"
	"strings"
	"testing"
)

func TestSpikeRecorder(t *testing.T) {
	var r SpikeRecorder
	r.Add(0, []int32{3, 5})
	r.Add(1, nil)
	r.Add(2, []int32{1})
	if r.Len() != 3 || !slices.Equal(r.Steps, []int32{0, 0, 2}) || !slices.Equal(r.Neurons, []int32{3, 5, 1}) {
		t.Fatalf("got Steps %v Neurons %v", r.Steps, r.Neurons)
	}
	var b strings.Builder
	if err := r.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if want := "step,neuron\n0,3\n0,5\n2,1\n"; b.String() != want {
		t.Errorf("CSV %q, want %q", b.String(), want)
	}
}

func TestTraceRecorder(t *testing.T) {
	r := newTraceRecorder([]string{"t", "v"}, 2)
	row := r.Row()
	row[0], row[1] = 0, -65
	r.Record(0.1, -64.5)
	r.Record(0.2, 1e-300) // beyond the preallocated rows: grows
	if r.Len() != 3 || r.At(1, 1) != -64.5 || r.At(2, 0) != 0.2 {
		t.Fatalf("Data %v", r.Data)
	}
	if got := r.Column("v"); !slices.Equal(got, []float64{-65, -64.5, 1e-300}) {
		t.Errorf("Column(v) = %v", got)
	}
	if r.Column("w") != nil {
		t.Error("Column of a missing name is not nil")
	}
	var b strings.Builder
	if err := r.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if want := "t,v\n0,-65\n0.1,-64.5\n0.2,1e-300\n"; b.String() != want {
		t.Errorf("CSV %q, want %q", b.String(), want)
	}
	defer func() {
		if recover() == nil {
			t.Error("Record with a wrong count did not panic")
		}
	}()
	r.Record(1)
}

func TestTraceRecorderRowIsZeroAndDistinct(t *testing.T) {
	r := newTraceRecorder([]string{"a"}, 4)
	a := r.Row()
	a[0] = 7
	b := r.Row()
	if b[0] != 0 || len(b) != 1 || cap(b) != 1 {
		t.Errorf("second row %v (cap %d), want [0] with cap 1", b, cap(b))
	}
	if r.At(0, 0) != 7 {
		t.Error("first row lost")
	}
}

func TestTraceRecorderNoAllocs(t *testing.T) {
	r := newTraceRecorder([]string{"t", "v", "g"}, 1000)
	x := 0.0
	wantNoAllocs(t, "Row", func() {
		row := r.Row()
		row[0], row[1], row[2] = x, x, x
	})
	wantNoAllocs(t, "Record", func() { r.Record(x, x+1, x+2) })
}

// TestNamedArray checks the accessors of both kinds of state array: a
// float64 one aliased as is, a float32 one (-f32) read widened and
// written rounded.
func TestNamedArray(t *testing.T) {
	d64, d32 := []float64{1, 2}, []float32{3, 4}
	a, b := NamedArray{Name: "a", Data: d64}, NamedArray{Name: "b", Data32: d32}
	if a.Len() != 2 || b.Len() != 2 || a.At(1) != 2 || b.At(1) != 4 {
		t.Fatalf("Len/At: %d %d %g %g", a.Len(), b.Len(), a.At(1), b.At(1))
	}
	a.Set(0, 0.1)
	b.Set(0, 0.1)
	if d64[0] != 0.1 || d32[0] != float32(0.1) || b.At(0) != float64(float32(0.1)) {
		t.Errorf("Set: %g %g", d64[0], d32[0])
	}
	if w := b.Float64s(); len(w) != 2 || w[0] != float64(float32(0.1)) || w[1] != 4 {
		t.Errorf("Float64s of float32 data: %v", w)
	}
	if w := a.Float64s(); &w[0] != &d64[0] {
		t.Error("Float64s of float64 data is not the data itself")
	}
}
