package runtime

import (
	"slices"
	"time"
)

// The balance of a pool's parts. Parts of equal size do not end together:
// on the 2-vCPU Xeon the part of examples/einet that the pool's worker ran
// beside Run's caller took 1.5–3 µs more (of 28) than the caller's, and a
// step waits for its slowest part. A pool told the size of the network
// (Balance) with one part per worker therefore moves the cuts between
// parts by PartAlign neurons at a time towards where the parts end
// together, from when each part ended in the rounds where every worker ran
// its own part. Results do not depend on the cuts (see Pool), only the
// time does.

// balanceWindow is the number of rounds, each run with every part on its
// own worker and no part ending more than an eighth of a part after its
// neighbour, over which the balance votes before it moves a cut: a cut
// moves when more than half of them found the part after it ending later
// (earlier) than the part before it by more than the time of PartAlign
// neurons.
const balanceWindow = 32

// BalanceJitter, set by tests before SetWorkers, makes every balanced pool
// move its cuts at random, by up to PartAlign neurons each round whatever
// the timing, to show that results do not depend on where the parts are cut.
var BalanceJitter bool

type balance struct {
	timed   bool          // cuts move: more than one worker, one part each (Balance)
	start   time.Time     // the time the part ends are counted from
	total   int           // neurons of the network: shifts are in PartAlign·n/total of a population of n
	limit   int           // largest shift either way: a cut moves by at most a quarter part
	shift   []int         // per cut k = 0..parts (k = 0, parts stay 0): cut k moved by shift[k] units
	from    []int         // shift before the last move (MoveStarts)
	later   []int         // per cut: rounds of this window where the part after it ended later
	early   []int         // ... earlier
	next    []int         // shift from the next round on, when pending
	votes   int           // rounds counted in this window
	kicked  time.Duration // when Run started the last round
	pending bool          // next is set
	rng     uint64        // BalanceJitter's xorshift state
}

func (b *balance) init(n, parts int) {
	b.shift, b.from = make([]int, parts+1), make([]int, parts+1)
	b.later, b.early, b.next = make([]int, parts+1), make([]int, parts+1), make([]int, parts+1)
	b.rng = 0x9e3779b97f4a7c15
}

// Balance lets the pool move the cuts between its parts (Part) for a
// network of neurons neurons, if it has more than one worker and one part
// per worker. Generated models call it from SetWorkers, before the first
// Run.
func (p *Pool) Balance(neurons int) {
	b := &p.bal
	b.total = neurons
	b.limit = neurons / (4 * p.parts * PartAlign)
	b.timed = p.n > 1 && p.parts == p.n && b.limit > 0
	b.start = time.Now()
}

// cut is where part k of parts starts in a population of n neurons with
// the shifts sh: Part's cut, moved by PartAlign·round(sh[k]·n/total)
// neurons. Populations of fewer than 64 neurons per part keep Part's cuts;
// in larger ones a cut moves by at most a quarter part plus PartAlign/2,
// so the cuts stay in order.
func (b *balance) cut(k, parts, n int, sh []int) int {
	c := partCut(k, parts, n)
	s := sh[k]
	if s == 0 || n < 64*parts {
		return c
	}
	q := (max(s, -s)*n + b.total/2) / b.total
	if s < 0 {
		q = -q
	}
	return min(max(c+q*PartAlign, 0), n)
}

// Part returns the half-open range of the n elements that part k of parts
// handles, as the pool cuts them now: Part's cuts, moved by the balance
// (Balance). A nil pool (one worker) cuts as Part.
func (p *Pool) Part(k, parts, n int) (lo, hi int) {
	if p == nil || !p.bal.timed {
		return Part(k, parts, n)
	}
	return p.bal.cut(k, parts, n, p.bal.shift), p.bal.cut(k+1, parts, n, p.bal.shift)
}

// count counts, during round r that Run started at t0, the round before
// it: its part ends are final, and on cache lines the caller reads while
// the others still run their parts of round r, not after. At the end of a
// window it sets the shifts that move applies after round r.
func (p *Pool) count(r uint64, t0 time.Duration) {
	b := &p.bal
	prev := b.kicked
	b.kicked = t0
	if r < 2 {
		return
	}
	if BalanceJitter {
		for k := 1; k < p.parts; k++ {
			b.rng ^= b.rng << 13
			b.rng ^= b.rng >> 7
			b.rng ^= b.rng << 17
			b.next[k] = min(max(b.shift[k]+int(b.rng%3)-1, -b.limit), b.limit)
		}
		b.pending = true
		return
	}
	q := (r - 1) & 1
	for k := range p.parts {
		if p.claimed[k].by[q] != k {
			return // a worker ran another's part: its thread was late
		}
	}
	for k := 1; k < p.parts; k++ {
		e0, e1 := p.claimed[k-1].end[q], p.claimed[k].end[q]
		if d, both := e1-e0, e0+e1-2*prev; d > both/16 || d < -both/16 {
			// More than an eighth of a part: a thread was descheduled
			// for a while, which says nothing of the parts' sizes.
			return
		}
	}
	for k := 1; k < p.parts; k++ {
		e0, e1 := p.claimed[k-1].end[q], p.claimed[k].end[q]
		// The time of PartAlign neurons in the two parts.
		lo, hi := b.cut(k-1, p.parts, b.total, b.shift), b.cut(k+1, p.parts, b.total, b.shift)
		unit := (e0 + e1 - 2*prev) * PartAlign / time.Duration(max(hi-lo, 1))
		switch d := e1 - e0; {
		case d > unit:
			b.later[k]++
		case d < -unit:
			b.early[k]++
		}
	}
	if b.votes++; b.votes < balanceWindow {
		return
	}
	b.votes = 0
	copy(b.next, b.shift)
	for k := 1; k < p.parts; k++ {
		switch {
		case b.later[k] > balanceWindow/2 && b.shift[k] < b.limit:
			b.next[k]++ // part k ends later: it starts later
			b.pending = true
		case b.early[k] > balanceWindow/2 && b.shift[k] > -b.limit:
			b.next[k]--
			b.pending = true
		}
		b.later[k], b.early[k] = 0, 0
	}
}

// move applies, between rounds, the shifts that count set; it reports
// whether a cut moved.
func (p *Pool) move() bool {
	b := &p.bal
	if !b.pending {
		return false
	}
	b.pending = false
	copy(b.from, b.shift)
	copy(b.shift, b.next)
	return !slices.Equal(b.from, b.shift)
}

// MoveStarts brings starts, c.PartStarts(parts, n, post) as it was for the
// cuts before the last Run moved them, up to date for the cuts now: for
// each moved cut, each row's start steps over the targets between the old
// cut and the new (a few per row for a move of PartAlign neurons, where
// PartStarts searches every row). A nil starts stays nil.
func (p *Pool) MoveStarts(c *CSR, starts []int32, n, post int) {
	if starts == nil {
		return
	}
	b, parts := &p.bal, p.parts
	rows := c.NumPre()
	for k := 1; k < parts; k++ {
		old, cur := b.cut(k, parts, n, b.from), b.cut(k, parts, n, b.shift)
		if old == cur {
			continue
		}
		first := int32(max(cur-post, 0))
		for i := range rows {
			row := c.Idx[c.Ptr[i]:c.Ptr[i+1]]
			r := int(starts[i*parts+k])
			for r < len(row) && row[r] < first {
				r++
			}
			for r > 0 && row[r-1] >= first {
				r--
			}
			starts[i*parts+k] = int32(r)
		}
	}
}
