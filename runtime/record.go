package runtime

import (
	"bufio"
	"io"
	"slices"
	"strconv"
)

// A SpikeRecorder records spikes as two parallel lists: neuron
// Neurons[k] spiked at step Steps[k]. Entries are in the order added,
// which is by step when Add is called once per step.
type SpikeRecorder struct {
	Steps   []int32 // the step of each spike, counted from 0
	Neurons []int32 // the neuron of each spike, 0-based in its population
}

// Add records that the given neurons spiked at step. It appends, so it
// allocates now and then (amortized); call it outside the step function
// or preallocate the slices.
func (r *SpikeRecorder) Add(step int, spikes []int32) {
	for _, n := range spikes {
		r.Steps = append(r.Steps, int32(step))
		r.Neurons = append(r.Neurons, n)
	}
}

// Len returns the number of recorded spikes.
func (r *SpikeRecorder) Len() int { return len(r.Steps) }

// WriteCSV writes the spikes as CSV with the header "step,neuron".
func (r *SpikeRecorder) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("step,neuron\n")
	var b []byte
	for k := range r.Steps {
		b = strconv.AppendInt(b[:0], int64(r.Steps[k]), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(r.Neurons[k]), 10)
		b = append(b, '\n')
		bw.Write(b)
	}
	return bw.Flush()
}

// A TraceRecorder records rows of named float64 values, one row per
// recorded step, in a row-major table preallocated for a given number of
// rows.
type TraceRecorder struct {
	Columns []string  // column names
	Data    []float64 // rows back to back, len(Columns) values each
}

// Row appends a row and returns it for the caller to fill in place. It
// does not allocate while the preallocated rows last; after that it grows
// the table like append. The row holds zeros if it was never used.
func (t *TraceRecorder) Row() []float64 {
	n := len(t.Data)
	w := len(t.Columns)
	if n+w > cap(t.Data) {
		t.grow(w)
	}
	t.Data = t.Data[:n+w]
	row := t.Data[n : n+w : n+w]
	clear(row)
	return row
}

// grow makes room for at least one more row of w values. It is kept out
// of line so that Row, inlined into a step function, carries no append.
//
//go:noinline
func (t *TraceRecorder) grow(w int) {
	t.Data = slices.Grow(t.Data, max(w, cap(t.Data)))
}

// Record appends a row holding values, which must have one value per
// column; it panics otherwise. It does not allocate while the
// preallocated rows last (the variadic slice does not escape).
func (t *TraceRecorder) Record(values ...float64) {
	if len(values) != len(t.Columns) {
		fail("einrt: TraceRecorder.Record: wrong number of values")
	}
	copy(t.Row(), values)
}

// Len returns the number of recorded rows.
func (t *TraceRecorder) Len() int {
	if len(t.Columns) == 0 {
		return 0
	}
	return len(t.Data) / len(t.Columns)
}

// At returns the value in row r and column c.
func (t *TraceRecorder) At(r, c int) float64 {
	return t.Data[r*len(t.Columns)+c]
}

// Column returns a copy of the column named name, or nil if there is
// none.
func (t *TraceRecorder) Column(name string) []float64 {
	for c, col := range t.Columns {
		if col == name {
			out := make([]float64, t.Len())
			for r := range out {
				out[r] = t.At(r, c)
			}
			return out
		}
	}
	return nil
}

// WriteCSV writes the table as CSV with a header of column names and
// values formatted with the shortest representation that reads back
// exactly.
func (t *TraceRecorder) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	var b []byte
	for c, col := range t.Columns {
		if c > 0 {
			b = append(b, ',')
		}
		b = append(b, col...)
	}
	b = append(b, '\n')
	bw.Write(b)
	for r := 0; r < t.Len(); r++ {
		b = b[:0]
		for c := range t.Columns {
			if c > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendFloat(b, t.At(r, c), 'g', -1, 64)
		}
		b = append(b, '\n')
		bw.Write(b)
	}
	return bw.Flush()
}

// NamedArray is one state array of a model, one value per neuron; generated
// models return them from StateArrays, aliasing their state. A state is
// held in Data, or, in a model compiled with -f32, in Data32 when the
// population's float32 update is the only code that reads or writes it
// (docs/simulation.md, "The float32 mode"); the other slice is nil. Len,
// At, Set and Float64s read and write either.
type NamedArray struct {
	Name   string
	Data   []float64
	Data32 []float32
}

// Len returns the number of values.
func (a NamedArray) Len() int {
	if a.Data32 != nil {
		return len(a.Data32)
	}
	return len(a.Data)
}

// At returns value i.
func (a NamedArray) At(i int) float64 {
	if a.Data32 != nil {
		return float64(a.Data32[i])
	}
	return a.Data[i]
}

// Set sets value i to x, rounded to float32 in a float32 array.
func (a NamedArray) Set(i int, x float64) {
	if a.Data32 != nil {
		a.Data32[i] = float32(x)
		return
	}
	a.Data[i] = x
}

// Float64s returns the values as float64: Data itself, or a copy of
// Data32 widened (exactly).
func (a NamedArray) Float64s() []float64 {
	if a.Data32 == nil {
		return a.Data
	}
	out := make([]float64, len(a.Data32))
	for i, x := range a.Data32 {
		out[i] = float64(x)
	}
	return out
}
