package simtest

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestChunkStats checks the order statistics BenchmarkChunks reports, on
// shuffled chunk times 1..n ns: minimum, 10th percentile and median at
// d[0], d[n/10] and d[n/2] of the sorted times.
func TestChunkStats(t *testing.T) {
	for _, n := range []int{1, 2, 9, 10, 11, 300, 301} {
		d := make([]time.Duration, n)
		for i := range d {
			d[i] = time.Duration(i + 1)
		}
		rand.New(rand.NewPCG(1, uint64(n))).Shuffle(n, func(i, j int) { d[i], d[j] = d[j], d[i] })
		lo, p10, med := ChunkStats(d)
		want := [3]time.Duration{1, time.Duration(n/10 + 1), time.Duration(n/2 + 1)}
		if got := [3]time.Duration{lo, p10, med}; got != want {
			t.Errorf("n=%d: min, p10, median = %v, want %v", n, got, want)
		}
	}
}
