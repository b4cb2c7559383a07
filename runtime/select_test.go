package runtime

import "testing"

func TestSelect(t *testing.T) {
	if Select(true, 1, 2) != 1 || Select(false, 1, 2) != 2 {
		t.Error("Select picks the wrong operand")
	}
	if B2F(true) != 1 || B2F(false) != 0 {
		t.Error("B2F(true) != 1 or B2F(false) != 0")
	}
	var sink float64
	wantNoAllocs(t, "Select and B2F", func() { sink += Select(sink > 0, 1, 2) + B2F(sink < 0) })
	_ = sink
}
