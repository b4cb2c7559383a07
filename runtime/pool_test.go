package runtime

import (
	"sync/atomic"
	"testing"
)

// TestPoolRunsEveryPart checks that each Run runs every part exactly once
// and returns only when all have finished, for several worker and part
// counts (more parts than workers, fewer, as many).
func TestPoolRunsEveryPart(t *testing.T) {
	for _, c := range []struct{ n, parts int }{{1, 1}, {1, 3}, {2, 2}, {2, 4}, {3, 2}, {3, 7}, {8, 16}} {
		var hits [16]atomic.Int32
		p := NewPool(c.n, c.parts, func(k int) { hits[k].Add(1) })
		for r := range 200 {
			p.Run()
			for k := range c.parts {
				if got := hits[k].Load(); got != int32(r+1) {
					t.Fatalf("n=%d parts=%d: after run %d, part %d ran %d times", c.n, c.parts, r+1, k, got)
				}
			}
		}
		p.Close()
		for k := c.parts; k < len(hits); k++ {
			if hits[k].Load() != 0 {
				t.Errorf("n=%d parts=%d: part %d ran", c.n, c.parts, k)
			}
		}
	}
}

func TestPoolRunDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under -race")
	}
	var sum atomic.Int64
	p := NewPool(3, 6, func(w int) { sum.Add(int64(w)) })
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

// TestPart checks that parts tile [0, n) in order, start at multiples of
// PartAlign, and differ in size by at most PartAlign.
func TestPart(t *testing.T) {
	for _, tc := range []struct{ parts, n int }{{1, 10}, {2, 10}, {4, 3}, {2, 4000}, {4, 4000}, {3, 4000}, {6, 24576}, {8, 1000}, {5, 1003}} {
		next, least, most := 0, tc.n, 0
		for k := range tc.parts {
			lo, hi := Part(k, tc.parts, tc.n)
			if lo != next || hi < lo || lo%PartAlign != 0 {
				t.Errorf("Part(%d, %d, %d) = [%d, %d)", k, tc.parts, tc.n, lo, hi)
			}
			least, most, next = min(least, hi-lo), max(most, hi-lo), hi
		}
		if next != tc.n {
			t.Errorf("parts of %d over %d parts end at %d", tc.n, tc.parts, next)
		}
		if tc.n >= tc.parts*PartAlign && most-least > PartAlign {
			t.Errorf("parts of %d over %d: sizes from %d to %d", tc.n, tc.parts, least, most)
		}
	}
}
