package runtime

import (
	"runtime"
	"sync/atomic"
	"time"
)

// Pool runs a job, split into a fixed number of parts, on a fixed set of
// worker goroutines, once per call to Run, without allocating: the job is
// bound when the pool is made. The goroutine that calls Run is one of the
// workers.
//
// A step of a few thousand neurons takes a few tens of microseconds, about
// what waking a parked goroutine can cost on a virtual machine; so between
// runs the workers spin on an atomic round counter for up to spinFor before
// they park, and Run spins for their completion. Back-to-back steps never
// park; an idle pool parks after spinFor and costs nothing.
//
// The parts are claimed, not assigned, but each worker has parts of its
// own: worker w (Run's caller is worker 0) first claims the parts
// w·parts/n up to (w+1)·parts/n, then any part still unclaimed. So on an
// idle machine every part runs on the same worker at every step, and its
// state arrays stay in that core's caches: when the two parts of
// examples/einet (4 000 neurons, two workers) went to whichever worker
// came first, they changed workers at 15–50 % of the steps and such a
// step's part took 3.3 µs longer (docs/performance.md, "Parts per
// worker"). A worker whose thread the machine has not scheduled (a
// shared, loaded machine) still costs the others its parts, not the whole
// step's wait: they take them.
//
// Generated models use it to split each step into contiguous chunks of
// neurons, one per part; since every chunk does the same arithmetic on the
// same values in the same order whichever goroutine runs it, results do not
// depend on the number of workers, of parts, or on who ran which part.
type Pool struct {
	n, parts int
	job      func(k int)
	closed   atomic.Bool
	_        [64]byte
	round    atomic.Uint64 // incremented by Run to start a round, by Close to stop
	_        [56]byte
	done     atomic.Int64 // parts finished, over all rounds
	_        [56]byte
	claimed  []partStamp   // per part: the last round it was claimed in
	asleep   []atomic.Bool // worker w is parked, or about to, on wake[w]
	wake     []chan struct{}
}

// partStamp is a part's claim: the round that last claimed it, alone on
// its cache line so that claiming one part does not slow the worker that
// claims the next.
type partStamp struct {
	round atomic.Uint64
	_     [56]byte
}

// spinFor is how long an idle worker spins before it parks.
const spinFor = 200 * time.Microsecond

// NewPool starts n-1 goroutines (n >= 1) that, with the caller of Run, run
// job(k) for every part k = 0..parts-1 (parts >= 1) once per Run.
func NewPool(n, parts int, job func(k int)) *Pool {
	n, parts = max(n, 1), max(parts, 1)
	p := &Pool{n: n, parts: parts, job: job, claimed: make([]partStamp, parts), asleep: make([]atomic.Bool, n), wake: make([]chan struct{}, n)}
	for w := 1; w < n; w++ {
		p.wake[w] = make(chan struct{}, 1)
		go p.worker(w)
	}
	return p
}

func (p *Pool) worker(w int) {
	seen, missed := uint64(0), 0
	for {
		spin := spinFor
		if missed >= missedRounds {
			spin = missedSpin
		}
		seen = p.await(w, seen, spin)
		if p.closed.Load() {
			return
		}
		if p.claim(w, seen) {
			missed = 0
		} else {
			missed++
		}
	}
}

// A worker that found every part of missedRounds rounds in a row already
// claimed spins for missedSpin only, not spinFor, before it parks. Its
// thread is then not getting a CPU of its own in time (a loaded machine),
// and spinning would take the time of the CPU it shares, most often with
// Run's caller, which runs the parts meanwhile: examples/einet on two
// workers with the other CPU busy took 300 µs per step instead of 55
// (docs/performance.md, "Parts per worker"). The first round it claims a
// part in again, it spins as before.
const (
	missedRounds = 4
	missedSpin   = 5 * time.Microsecond
)

// claim runs, for round r, worker w's own parts and then every part still
// unclaimed. A part is claimed by moving its stamp from r-1 to r: every
// part was claimed in round r-1, so a worker that is still looking at
// round r after Run has started round r+1 finds no part to claim.
func (p *Pool) claim(w int, r uint64) (ran bool) {
	own := w * p.parts / p.n
	for j := range p.parts {
		k := own + j
		if k >= p.parts {
			k -= p.parts
		}
		c := &p.claimed[k].round
		if c.Load() == r-1 && c.CompareAndSwap(r-1, r) {
			p.job(k)
			p.done.Add(1)
			ran = true
		}
	}
	return ran
}

// await returns the next round after seen: spinning for spin, then parked. A wake
// token left from an earlier round only makes the loop look again.
func (p *Pool) await(w int, seen uint64, spin time.Duration) uint64 {
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
		if time.Since(t0) < spin {
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

// kick starts a round, wakes the parked workers and returns the round.
func (p *Pool) kick() uint64 {
	r := p.round.Add(1)
	for w := 1; w < p.n; w++ {
		if p.asleep[w].Load() {
			select {
			case p.wake[w] <- struct{}{}:
			default: // a token is already waiting
			}
		}
	}
	return r
}

// Workers returns the number of workers.
func (p *Pool) Workers() int { return p.n }

// Parts returns the number of parts of a round.
func (p *Pool) Parts() int { return p.parts }

// Run runs job on every part and returns when all have finished.
func (p *Pool) Run() {
	if p.n == 1 {
		for k := range p.parts {
			p.job(k)
		}
		return
	}
	// The workers spin on round and Run on done, each on its own cache
	// line; done is not reset, so starting a round writes one line only.
	r := p.kick()
	p.claim(0, r)
	for spins, all := 0, int64(r)*int64(p.parts); p.done.Load() != all; spins++ {
		if spins&4095 == 4095 {
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
// Generated code of version 4 and later cuts its steps with Part.
func Chunk(w, workers, n int) (lo, hi int) {
	return n * w / workers, n * (w + 1) / workers
}

// PartAlign is the multiple of elements at which Part cuts: 16 float32
// (one 64-byte cache line) or float64 (two) and a whole number of vectors
// of every width the generated SIMD code uses.
const PartAlign = 16

// Part returns the half-open range of the n elements that part k of parts
// handles: contiguous and in order, as even as cuts at multiples of
// PartAlign make them (some parts are empty if n < parts·PartAlign). So
// every vector loop over a part but the last runs without a scalar
// remainder, as over the whole population, and no two parts write the
// same cache line of a state array. With cuts anywhere, a step of COBAHH
// -f32 (N = 4000, 16 lanes) cut in 4 parts spent twice the CPU time of one
// part in the scalar remainders of its exponentials (runtime.fma32,
// docs/performance.md, "Parts per worker").
func Part(k, parts, n int) (lo, hi int) {
	return partCut(k, parts, n), partCut(k+1, parts, n)
}

// partCut is where part k of parts starts: the multiple of PartAlign
// nearest k·n/parts, and n for k = parts.
func partCut(k, parts, n int) int {
	if k >= parts {
		return n
	}
	c := n * k / parts
	return min((c+PartAlign/2)/PartAlign*PartAlign, n)
}

// SparePart is the fewest neurons per part for which a generated model's
// SetWorkers cuts a step into 2n parts for n workers (spare parts: a worker
// that the machine has not scheduled yet leaves its second part to the
// others) rather than n. Every part costs about 1.5 µs of its own on an
// Intel Xeon (AVX-512): the runtime calls of its synaptic decay and
// exponentials start over, and its deliveries look up where it starts in
// each spiking row. At the 2 000 neurons per part of a 4 000-neuron network
// on two workers (about 14 µs of work per part) that was 5 % of a step,
// and 4 parts were slower than 2 on a loaded machine too
// (docs/performance.md, "Parts per worker").
const SparePart = 4096
