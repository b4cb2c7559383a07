package runtime

// Pool runs one job on a fixed set of worker goroutines, once per call to
// Run, without allocating: the job is bound when the pool is made, and
// workers are woken and awaited through channels of empty structs. Worker 0
// is the goroutine that calls Run.
//
// Generated models use it to split each step into contiguous chunks of
// neurons, one per worker; since every chunk does the same arithmetic on the
// same values in the same order whichever goroutine runs it, results do not
// depend on the number of workers.
type Pool struct {
	n     int
	job   func(w int)
	start []chan struct{}
	done  chan struct{}
}

// NewPool starts n-1 goroutines (n >= 1) that run job(w) for w = 1..n-1 on
// every Run; Run itself runs job(0).
func NewPool(n int, job func(w int)) *Pool {
	if n < 1 {
		n = 1
	}
	p := &Pool{n: n, job: job, start: make([]chan struct{}, n), done: make(chan struct{}, n)}
	for w := 1; w < n; w++ {
		p.start[w] = make(chan struct{})
		go p.worker(w)
	}
	return p
}

func (p *Pool) worker(w int) {
	for range p.start[w] {
		p.job(w)
		p.done <- struct{}{}
	}
}

// Workers returns the number of workers.
func (p *Pool) Workers() int { return p.n }

// Run runs job on every worker and returns when all have finished.
func (p *Pool) Run() {
	for w := 1; w < p.n; w++ {
		p.start[w] <- struct{}{}
	}
	p.job(0)
	for w := 1; w < p.n; w++ {
		<-p.done
	}
}

// Close stops the worker goroutines. The pool must not be used afterwards.
func (p *Pool) Close() {
	for w := 1; w < p.n; w++ {
		close(p.start[w])
	}
}

// Chunk returns the half-open range of the n elements that worker w of
// workers handles: contiguous, in order, sizes differing by at most one.
func Chunk(w, workers, n int) (lo, hi int) {
	return n * w / workers, n * (w + 1) / workers
}
