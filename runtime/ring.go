package runtime

// A SpikeRing keeps the spike lists of the last steps, for delayed
// synaptic transmission. Each step the simulation fills the buffer
// returned by [SpikeRing.Next] and hands it to [SpikeRing.Commit]. During
// step n, before its Commit, Ago(d) holds the spikes emitted at step
// n−1−d, so Ago(0) gives braincell's implicit one-step latency and a
// projection whose spikes arrive L ≥ 1 steps after emission reads
// Ago(L−1).
//
// No method allocates. The ring holds depth+1 buffers internally, so the
// buffer being filled never aliases any list that Ago can return.
type SpikeRing struct {
	buf   []int32 // depth+1 buffers of capacity each, back to back
	lens  []int   // the number of spikes in each buffer
	cap   int     // capacity of each buffer
	depth int     // the number of readable past steps
	head  int     // the buffer that Next returns
}

// NewSpikeRing returns a ring that remembers the spikes of the last depth
// steps (depth = the largest delay in steps, plus one for a zero-based
// Ago) and takes at most capacity spikes per step (the number of neurons).
// It panics if depth < 1 or capacity < 0.
func NewSpikeRing(depth, capacity int) *SpikeRing {
	if depth < 1 || capacity < 0 {
		panic("einrt: NewSpikeRing: depth < 1 or capacity < 0")
	}
	return &SpikeRing{
		buf:   make([]int32, (depth+1)*capacity),
		lens:  make([]int, depth+1),
		cap:   capacity,
		depth: depth,
	}
}

// slot returns buffer b with length n.
func (r *SpikeRing) slot(b, n int) []int32 {
	lo := b * r.cap
	return r.buf[lo : lo+n : lo+r.cap]
}

// Next returns the empty buffer for this step's spikes, with room for
// capacity spikes (NewSpikeRing's): append to it, then pass the result to Commit.
func (r *SpikeRing) Next() []int32 {
	return r.slot(r.head, 0)
}

// Commit records spikes as the latest step and advances the ring, so
// that they become Ago(0). spikes is normally the buffer from Next,
// appended to; any other slice is copied. Commit panics if spikes holds
// more than capacity entries.
func (r *SpikeRing) Commit(spikes []int32) {
	if len(spikes) > r.cap {
		fail("einrt: SpikeRing.Commit: more spikes than the capacity")
	}
	dst := r.slot(r.head, len(spikes))
	if len(spikes) > 0 && &dst[0] != &spikes[0] {
		copy(dst, spikes)
	}
	r.lens[r.head] = len(spikes)
	r.head++
	if r.head == len(r.lens) {
		r.head = 0
	}
}

// Ago returns the spikes committed d commits ago: Ago(0) is the latest
// commit. Before d+1 commits it returns an empty list. The result is
// valid until the next Commit overwrites it, depth commits later. Ago
// panics unless 0 <= d < depth (NewSpikeRing's).
func (r *SpikeRing) Ago(d int) []int32 {
	if d < 0 || d >= r.depth {
		fail("einrt: SpikeRing.Ago: delay out of range")
	}
	b := r.head - 1 - d
	if b < 0 {
		b += len(r.lens)
	}
	return r.slot(b, r.lens[b])
}

// Reset forgets all spikes, as after NewSpikeRing.
func (r *SpikeRing) Reset() {
	clear(r.lens)
	r.head = 0
}

// fail panics with msg. It is kept out of line so that methods inlined
// into generated step functions carry no conversion of the message to an
// interface, which the escape-analysis check of the goldens would report
// as "escapes to heap" at the call site.
//
//go:noinline
func fail(msg string) {
	panic(msg)
}
