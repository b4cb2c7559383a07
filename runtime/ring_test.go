package runtime

import (
	"slices"
	"testing"
)

// TestSpikeRingDelays commits step numbers as spikes and checks that
// Ago(d) returns the spikes of d commits ago, empty before that.
func TestSpikeRingDelays(t *testing.T) {
	const depth = 4
	r := NewSpikeRing(depth, 3)
	if r.depth != depth || r.cap != 3 {
		t.Fatalf("depth %d, capacity %d", r.depth, r.cap)
	}
	for step := 0; step < 20; step++ {
		buf := r.Next()
		if len(buf) != 0 || cap(buf) != 3 {
			t.Fatalf("step %d: Next has len %d cap %d, want 0 and 3", step, len(buf), cap(buf))
		}
		// Reading between Next and Commit must still see old steps.
		for d := 0; d < depth; d++ {
			checkAgo(t, r, step, d)
		}
		for k := 0; k < step%4; k++ { // step%4 spikes, 0..2 and 3 → 3
			if len(buf) < 3 {
				buf = append(buf, int32(step))
			}
		}
		r.Commit(buf)
	}
}

// checkAgo checks Ago(d) during step: the spikes of step-1-d, which are
// min(3, (step-1-d)%4) copies of that step number.
func checkAgo(t *testing.T, r *SpikeRing, step, d int) {
	t.Helper()
	got := r.Ago(d)
	src := step - 1 - d
	var want []int32
	if src >= 0 {
		for k := 0; k < min(3, src%4); k++ {
			want = append(want, int32(src))
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("step %d: Ago(%d) = %v, want %v", step, d, got, want)
	}
}

func TestSpikeRingCopiesForeignSlice(t *testing.T) {
	r := NewSpikeRing(2, 4)
	spikes := []int32{3, 1}
	r.Commit(spikes)
	spikes[0] = 99 // the ring must not alias the caller's slice
	if got := r.Ago(0); !slices.Equal(got, []int32{3, 1}) {
		t.Errorf("Ago(0) = %v, want [3 1]", got)
	}
	r.Reset()
	if got := r.Ago(0); len(got) != 0 {
		t.Errorf("after Reset, Ago(0) = %v", got)
	}
}

func TestSpikeRingPanics(t *testing.T) {
	r := NewSpikeRing(2, 2)
	for name, f := range map[string]func(){
		"Ago(-1)":      func() { r.Ago(-1) },
		"Ago(depth)":   func() { r.Ago(2) },
		"Commit(3)":    func() { r.Commit([]int32{1, 2, 3}) },
		"depth 0":      func() { NewSpikeRing(0, 2) },
		"capacity < 0": func() { NewSpikeRing(1, -1) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic", name)
				}
			}()
			f()
		}()
	}
}

func TestSpikeRingNoAllocs(t *testing.T) {
	r := NewSpikeRing(5, 100)
	var n int
	wantNoAllocs(t, "SpikeRing step", func() {
		buf := r.Next()
		buf = append(buf, 1, 2, 3)
		r.Commit(buf)
		n += len(r.Ago(0)) + len(r.Ago(4))
	})
	foreign := []int32{4, 5}
	wantNoAllocs(t, "Commit(foreign)", func() { r.Commit(foreign) })
	wantNoAllocs(t, "Reset", r.Reset)
	_ = n
}
