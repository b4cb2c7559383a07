package runtime

import (
	"sync/atomic"
	"testing"
)

func TestPoolRunsEveryWorker(t *testing.T) {
	for _, n := range []int{1, 2, 3, 8} {
		var hits [8]atomic.Int32
		p := NewPool(n, func(w int) { hits[w].Add(1) })
		for range 5 {
			p.Run()
		}
		p.Close()
		for w := range n {
			if got := hits[w].Load(); got != 5 {
				t.Errorf("n=%d: worker %d ran %d times, want 5", n, w, got)
			}
		}
	}
}

func TestPoolRunDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under -race")
	}
	var sum atomic.Int64
	p := NewPool(3, func(w int) { sum.Add(int64(w)) })
	defer p.Close()
	if a := testing.AllocsPerRun(100, p.Run); a != 0 {
		t.Errorf("Run allocates %v times", a)
	}
}

func TestChunk(t *testing.T) {
	for _, tc := range []struct{ workers, n int }{{1, 10}, {2, 10}, {3, 10}, {4, 3}, {3, 4000}} {
		next := 0
		for w := range tc.workers {
			lo, hi := Chunk(w, tc.workers, tc.n)
			if lo != next || hi < lo || hi-lo > tc.n/tc.workers+1 {
				t.Errorf("Chunk(%d, %d, %d) = [%d, %d)", w, tc.workers, tc.n, lo, hi)
			}
			next = hi
		}
		if next != tc.n {
			t.Errorf("chunks of %d over %d workers end at %d", tc.n, tc.workers, next)
		}
	}
}
