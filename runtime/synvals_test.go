package runtime

import (
	"slices"
	"strings"
	"testing"
)

// TestSortByDelay checks that rows are reordered stably by delay, with the
// targets ascending within one delay, the values moved along, and that
// DelaySegment finds each delay's connections.
func TestSortByDelay(t *testing.T) {
	c := CSR{Ptr: []int32{0, 5, 5, 8}, Idx: []int32{0, 1, 1, 3, 4, 2, 5, 6}}
	delay := []int32{2, 0, 2, 0, 1, 3, 3, 3}
	w := []float64{10, 11, 12, 13, 14, 15, 16, 17}
	SortByDelay(&c, delay, w)
	if want := []int32{1, 3, 4, 0, 1, 2, 5, 6}; !slices.Equal(c.Idx, want) {
		t.Fatalf("Idx = %v, want %v", c.Idx, want)
	}
	if want := []int32{0, 0, 1, 2, 2, 3, 3, 3}; !slices.Equal(delay, want) {
		t.Fatalf("delay = %v, want %v", delay, want)
	}
	if want := []float64{11, 13, 14, 10, 12, 15, 16, 17}; !slices.Equal(w, want) {
		t.Fatalf("w = %v, want %v", w, want)
	}
	for _, tc := range []struct {
		i    int
		d    int32
		x, y int
	}{{0, 0, 0, 2}, {0, 1, 2, 3}, {0, 2, 3, 5}, {0, 3, 5, 5}, {1, 0, 5, 5}, {2, 3, 5, 8}, {2, 0, 5, 5}} {
		if x, y := DelaySegment(&c, delay, tc.i, tc.d); x != tc.x || y != tc.y {
			t.Errorf("DelaySegment(row %d, delay %d) = [%d, %d), want [%d, %d)", tc.i, tc.d, x, y, tc.x, tc.y)
		}
	}
	if n := testing.AllocsPerRun(10, func() { DelaySegment(&c, delay, 2, 3) }); n != 0 {
		t.Errorf("DelaySegment allocates %v times", n)
	}
}

// TestSynapseDelays checks the rounding to steps, the longest delay, and
// the errors that name the connection.
func TestSynapseDelays(t *testing.T) {
	c := CSR{Ptr: []int32{0, 2, 2, 3}, Idx: []int32{1, 4, 0}}
	steps, longest, err := SynapseDelays(&c, []float64{0.04, 1.05, 0.25}, 0.1, 10, "projection E: delay")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(steps, []int32{0, 11, 3}) || longest != 11 {
		t.Fatalf("steps %v, longest %d; want [0 11 3], 11", steps, longest)
	}
	_, _, err = SynapseDelays(&c, []float64{0, 1, -0.5}, 0.1, 10, "projection E: delay")
	if err == nil || !strings.Contains(err.Error(), "projection E: delay of the connection 2 -> 0 is -0.5 ms, which is below 0") {
		t.Errorf("negative delay: %v", err)
	}
	_, _, err = SynapseDelays(&c, []float64{0, 1e12, 0}, 0.1, 1000, "projection E: delay")
	if err == nil || !strings.Contains(err.Error(), "more than the 16 GiB limit") {
		t.Errorf("huge delay: %v", err)
	}
}

// TestCheckSynapseValues checks the sign and finiteness rules.
func TestCheckSynapseValues(t *testing.T) {
	c := CSR{Ptr: []int32{0, 1, 3}, Idx: []int32{7, 2, 5}}
	if err := CheckSynapseValues(&c, []float64{1, -2, 3}, false, "w", "pA"); err != nil {
		t.Errorf("CUBA weights of either sign: %v", err)
	}
	err := CheckSynapseValues(&c, []float64{1, -2, 3}, true, "projection E: weight", "nS")
	if err == nil || err.Error() != "projection E: weight of the connection 1 -> 2 is -2 nS, which is below 0" {
		t.Errorf("negative COBA weight: %v", err)
	}
	nan := 0.0
	nan /= nan
	if err := CheckSynapseValues(&c, []float64{1, 2, nan}, false, "w", "pA"); err == nil || !strings.Contains(err.Error(), "1 -> 5 is NaN pA, which is not a finite number") {
		t.Errorf("NaN weight: %v", err)
	}
}
