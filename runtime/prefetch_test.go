package runtime

import "testing"

// TestPrefetchRowsInRange checks that PrefetchRows reads only inside ptr,
// idx and starts: a part with no targets in the last row starts at
// len(idx), which it must not ask for, and spikes at or above preHi
// (another projection's) are not rows of this one.
func TestPrefetchRowsInRange(t *testing.T) {
	c := CSR{Ptr: []int32{0, 3, 5}, Idx: []int32{1, 4, 7, 0, 2}}
	// Two parts of 8 neurons cut at 4: row 1's targets 0 and 2 are all in
	// part 0, so part 1 starts at the end of the row, the end of Idx.
	starts := []int32{0, 1, 0, 2}
	for part := range 2 {
		PrefetchRows([]int32{10, 11, 12, 40}, 10, 12, c.Ptr, c.Idx, starts, 2, part)
		PrefetchRows([]int32{10, 11}, 10, 12, c.Ptr, c.Idx, nil, 2, part)
	}
	PrefetchRows(nil, 0, 1, c.Ptr, c.Idx, nil, 1, 0)
}
