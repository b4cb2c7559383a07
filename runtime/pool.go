package runtime

import (
	"runtime"
	"sync/atomic"
	"time"
)

// Pool runs one job on a fixed set of worker goroutines, once per call to
// Run, without allocating: the job is bound when the pool is made. Worker 0
// is the goroutine that calls Run.
//
// A step of a few thousand neurons takes a few hundred microseconds, about
// what waking a parked goroutine can cost on a virtual machine; so between
// runs the workers spin on an atomic round counter for up to spinFor before
// they park, and Run spins for their completion. Back-to-back steps never
// park; an idle pool parks after spinFor and costs nothing.
//
// Generated models use it to split each step into contiguous chunks of
// neurons, one per worker; since every chunk does the same arithmetic on the
// same values in the same order whichever goroutine runs it, results do not
// depend on the number of workers.
type Pool struct {
	n       int
	job     func(w int)
	round   atomic.Uint64 // incremented by Run to start a round, by Close to stop
	pending atomic.Int64  // workers of the current round still running
	closed  atomic.Bool
	asleep  []atomic.Bool // worker w is parked, or about to, on wake[w]
	wake    []chan struct{}
}

// spinFor is how long an idle worker spins before it parks.
const spinFor = 200 * time.Microsecond

// NewPool starts n-1 goroutines (n >= 1) that run job(w) for w = 1..n-1 on
// every Run; Run itself runs job(0).
func NewPool(n int, job func(w int)) *Pool {
	if n < 1 {
		n = 1
	}
	p := &Pool{n: n, job: job, asleep: make([]atomic.Bool, n), wake: make([]chan struct{}, n)}
	for w := 1; w < n; w++ {
		p.wake[w] = make(chan struct{}, 1)
		go p.worker(w)
	}
	return p
}

func (p *Pool) worker(w int) {
	seen := uint64(0)
	for {
		seen = p.await(w, seen)
		if p.closed.Load() {
			return
		}
		p.job(w)
		p.pending.Add(-1)
	}
}

// await returns the next round after seen: spinning, then parked. A wake
// token left from an earlier round only makes the loop look again.
func (p *Pool) await(w int, seen uint64) uint64 {
	var t0 time.Time
	for spins := 0; ; spins++ {
		if r := p.round.Load(); r != seen {
			return r
		}
		if spins&255 != 255 {
			continue
		}
		if t0.IsZero() {
			t0 = time.Now()
			continue
		}
		if time.Since(t0) < spinFor {
			continue
		}
		// Sequentially consistent atomics: either Run sees asleep and
		// sends a token, or this load sees the new round.
		p.asleep[w].Store(true)
		if r := p.round.Load(); r != seen {
			p.asleep[w].Store(false)
			return r
		}
		<-p.wake[w]
		p.asleep[w].Store(false)
		spins, t0 = 0, time.Time{}
	}
}

// kick starts a round and wakes the parked workers.
func (p *Pool) kick() {
	p.round.Add(1)
	for w := 1; w < p.n; w++ {
		if p.asleep[w].Load() {
			select {
			case p.wake[w] <- struct{}{}:
			default: // a token is already waiting
			}
		}
	}
}

// Workers returns the number of workers.
func (p *Pool) Workers() int { return p.n }

// Run runs job on every worker and returns when all have finished.
func (p *Pool) Run() {
	if p.n == 1 {
		p.job(0)
		return
	}
	p.pending.Store(int64(p.n - 1))
	p.kick()
	p.job(0)
	for spins := 0; p.pending.Load() != 0; spins++ {
		if spins&255 == 255 {
			runtime.Gosched() // a worker may be waiting for this thread
		}
	}
}

// Close stops the worker goroutines; the pool must not be used after.
func (p *Pool) Close() {
	p.closed.Store(true)
	p.kick()
}

// Chunk returns the half-open range of the n elements that worker w of
// workers handles: contiguous, in order, sizes differing by at most one.
func Chunk(w, workers, n int) (lo, hi int) {
	return n * w / workers, n * (w + 1) / workers
}
