package runtime

import (
	"slices"
	"testing"
	"time"
)

// TestBalancedPartsTile checks that a balanced pool's parts tile [0, n) in
// order at multiples of PartAlign for every shift within the limit, and
// that populations too small to move keep Part's cuts.
func TestBalancedPartsTile(t *testing.T) {
	for _, tc := range []struct{ parts, total, n int }{{2, 4000, 4000}, {2, 4000, 3200}, {2, 4000, 800}, {2, 4000, 100}, {3, 4000, 4000}, {4, 24576, 24576}, {2, 1000, 130}, {3, 5000, 200}} {
		p := NewPool(tc.parts, tc.parts, func(int) {})
		p.Balance(tc.total)
		if !p.bal.timed {
			t.Fatalf("pool of %d parts for %d neurons does not balance", tc.parts, tc.total)
		}
		lim := p.bal.limit
		for s1 := -lim; s1 <= lim; s1++ {
			for s2 := -lim; s2 <= lim; s2 += max(lim/3, 1) {
				p.bal.shift[1] = s1
				if tc.parts > 2 {
					p.bal.shift[2] = s2
				}
				next := 0
				for k := range tc.parts {
					lo, hi := p.Part(k, tc.parts, tc.n)
					if lo != next || hi < lo || lo%PartAlign != 0 {
						t.Fatalf("%+v shifts %v: part %d = [%d, %d)", tc, p.bal.shift, k, lo, hi)
					}
					next = hi
				}
				if next != tc.n {
					t.Fatalf("%+v shifts %v: parts end at %d", tc, p.bal.shift, next)
				}
				if tc.n < 64*tc.parts {
					for k := range tc.parts {
						lo, hi := p.Part(k, tc.parts, tc.n)
						if l, h := Part(k, tc.parts, tc.n); lo != l || hi != h {
							t.Fatalf("%+v shifts %v: small population's part %d moved", tc, p.bal.shift, k)
						}
					}
				}
			}
		}
		p.Close()
	}
	var p *Pool
	if lo, hi := p.Part(0, 1, 10); lo != 0 || hi != 10 {
		t.Errorf("nil pool: part [%d, %d)", lo, hi)
	}
}

// TestMoveStarts checks that MoveStarts gives the starts that a search
// of every row gives for the moved cuts, for moves of one and many units,
// onto a whole population and a group of it.
func TestMoveStarts(t *testing.T) {
	c, err := FixedOutdegree(ConnSpec{NPost: 1000, NPre: 300, Replace: true, Seed: 3, Stream: 1}, 40)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ parts, n, post int }{{2, 1000, 0}, {3, 1000, 0}, {2, 1300, 300}} {
		p := NewPool(tc.parts, tc.parts, func(int) {})
		p.Balance(tc.n)
		starts := c.PartStarts(tc.parts, tc.n, tc.post)
		for _, moves := range [][]int{{1, 0, 0}, {-1, 2, 0}, {5, -3, 0}, {-p.bal.limit, p.bal.limit, 0}} {
			copy(p.bal.from, p.bal.shift)
			for k := 1; k < tc.parts; k++ {
				p.bal.shift[k] = moves[k-1]
			}
			p.MoveStarts(&c, starts, tc.n, tc.post)
			for i := range c.NumPre() {
				for k := range tc.parts {
					lo, _ := p.Part(k, tc.parts, tc.n)
					want, _ := slices.BinarySearch(c.Row(i), int32(max(lo-tc.post, 0)))
					if got := int(starts[i*tc.parts+k]); got != want {
						t.Fatalf("%+v shifts %v: row %d part %d starts at %d, want %d", tc, p.bal.shift, i, k, got, want)
					}
				}
			}
		}
		p.Close()
	}
}

// TestBalanceVotes checks the balance's rule on given part ends: a cut
// moves towards the part that ends earlier after a window of rounds in
// which most found the other later by more than PartAlign neurons' time,
// and not for differences within that time, differences of more than an
// eighth of a part (a thread descheduled), or rounds where a worker ran
// another's part.
func TestBalanceVotes(t *testing.T) {
	p := NewPool(2, 2, func(int) {})
	defer p.Close()
	p.Balance(4000)
	// Parts of 2000 neurons in 20 µs from the kick at 0: PartAlign neurons
	// take 160 ns.
	r := uint64(0)
	round := func(d time.Duration, by1 int) bool {
		q := r & 1
		p.claimed[0].by[q], p.claimed[0].end[q] = 0, 20*time.Microsecond
		p.claimed[1].by[q], p.claimed[1].end[q] = by1, 20*time.Microsecond+d
		r++
		p.count(r, 0)
		return p.move()
	}
	round(0, 1) // counts nothing: no round before it
	for _, tc := range []struct {
		d     time.Duration
		by1   int
		shift int
	}{{time.Microsecond, 1, 1}, {100 * time.Nanosecond, 1, 0}, {-time.Microsecond, 1, -1}, {time.Microsecond, 0, 0}, {5 * time.Microsecond, 1, 0}} {
		p.bal.shift[1] = 0
		moved := false
		for i := range balanceWindow {
			if round(tc.d, tc.by1) {
				if i != balanceWindow-1 {
					t.Fatalf("%+v: moved after %d rounds", tc, i+1)
				}
				moved = true
			}
		}
		if p.bal.shift[1] != tc.shift || moved != (tc.shift != 0) {
			t.Errorf("%+v: shift %d, moved %v", tc, p.bal.shift[1], moved)
		}
	}
	// Descheduled rounds between the others do not count: half the rounds
	// late by 5 µs, half by 1 µs, and the cut moves after the 32nd of the latter.
	p.bal.shift[1] = 0
	for i := range 2 * balanceWindow {
		d := time.Microsecond
		if i%2 == 0 {
			d = 5 * time.Microsecond
		}
		if round(d, 1) != (i == 2*balanceWindow-1) {
			t.Fatalf("mixed rounds: moved at round %d", i+1)
		}
	}
}

// TestBalanceJitter checks that BalanceJitter moves a balanced pool's cuts
// within the limit, so that the tests that set it move them.
func TestBalanceJitter(t *testing.T) {
	BalanceJitter = true
	defer func() { BalanceJitter = false }()
	p := NewPool(2, 2, func(int) {})
	defer p.Close()
	p.Balance(4000)
	moves, seen := 0, map[int]bool{}
	for range 200 {
		if p.Run() {
			moves++
		}
		if s := p.bal.shift[1]; s < -p.bal.limit || s > p.bal.limit {
			t.Fatalf("shift %d beyond the limit %d", s, p.bal.limit)
		}
		seen[p.bal.shift[1]] = true
	}
	if moves < 50 || len(seen) < 5 {
		t.Errorf("%d moves in 200 rounds, %d shifts seen", moves, len(seen))
	}
}

// TestBalancedRunTiles runs balanced pools whose cuts move between rounds
// (BalanceJitter), with a job that counts, through Pool.Part, each element
// of its part: after every round each element has been counted once per
// round, whichever worker ran which part. Under go test -race it also
// checks that the cuts do not move while another worker reads them (in
// the rounds where the pool's workers ran their own parts, which the log
// counts: on a loaded machine a worker's thread may not have run).
func TestBalancedRunTiles(t *testing.T) {
	BalanceJitter = true
	defer func() { BalanceJitter = false }()
	for _, workers := range []int{2, 3} {
		const n = 40000
		count := make([]int32, n)
		var p *Pool
		p = NewPool(workers, workers, func(k int) {
			lo, hi := p.Part(k, workers, n)
			for i := lo; i < hi; i++ {
				count[i]++
			}
		})
		p.Balance(n)
		cuts, own := map[int]bool{}, 0
		for r := int32(1); r <= 300; r++ {
			p.Run()
			for i, c := range count {
				if c != r {
					t.Fatalf("%d workers, round %d: element %d counted %d times", workers, r, i, c)
				}
			}
			lo, _ := p.Part(1, workers, n)
			cuts[lo] = true
			if p.claimed[1].by[r&1] == 1 {
				own++
			}
		}
		p.Close()
		t.Logf("%d workers: worker 1 ran its part in %d of 300 rounds", workers, own)
		if len(cuts) < 5 {
			t.Errorf("%d workers: the cut moved to %d places in 300 rounds", workers, len(cuts))
		}
	}
}
