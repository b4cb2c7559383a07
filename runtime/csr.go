package runtime

import (
	"fmt"
	"math"
	"slices"
)

// A CSR holds the synapses of one projection in compressed sparse row
// form, by presynaptic neuron: the targets of presynaptic neuron i are
// Idx[Ptr[i]:Ptr[i+1]], as postsynaptic indices relative to the start of
// the postsynaptic range, in ascending order. A target listed twice is a
// multapse; its contributions add up. len(Ptr) is the number of
// presynaptic neurons plus one, Ptr[0] == 0 and Ptr[len(Ptr)-1] ==
// len(Idx). The k-th synapse of the projection (the position in Idx) is
// the index of per-synapse state such as weights and delays.
type CSR struct {
	Ptr []int32 // row offsets into Idx, len = nPre+1
	Idx []int32 // postsynaptic indices, row by row
}

// Row returns the postsynaptic targets of presynaptic neuron i, a
// subslice of c.Idx (not a copy).
func (c *CSR) Row(i int) []int32 {
	return c.Idx[c.Ptr[i]:c.Ptr[i+1]]
}

// NumSynapses returns the number of synapses, multapses counted with
// their multiplicity.
func (c *CSR) NumSynapses() int {
	return len(c.Idx)
}

// NumPre returns the number of presynaptic neurons (rows).
func (c *CSR) NumPre() int {
	if len(c.Ptr) == 0 {
		return 0
	}
	return len(c.Ptr) - 1
}

// A ConnSpec describes the populations of a projection and the stream
// from which a random connectivity rule draws. Neuron indices are 0-based
// within the presynaptic range [0, NPre) and the postsynaptic range
// [0, NPost).
type ConnSpec struct {
	Seed   uint64 // the simulation seed
	Stream uint64 // the purpose id of this projection, distinct per projection
	NPre   int    // number of presynaptic neurons
	NPost  int    // number of postsynaptic neurons

	// SelfOffset says which pairs are a neuron and itself when the two
	// ranges overlap: post index j is the same neuron as pre index i when
	// j == i + SelfOffset. It is used only if SamePop is set.
	SelfOffset int
	// SamePop reports whether the two ranges are parts of the same
	// population, so that SelfOffset applies.
	SamePop bool
	// NoSelf forbids connections from a neuron to itself. It has no
	// effect unless SamePop is set.
	NoSelf bool
	// Replace makes the fixed in- and out-degree rules sample with
	// replacement, so that multapses are possible (the default of
	// braincell's EventFixedProb and of numpy's randint).
	Replace bool
}

// Limits on the size of a connectivity. Each rule checks them before it
// allocates, and reports the estimated memory in its error.
const (
	// MaxSynapses is the largest number of synapses of one projection:
	// CSR offsets are int32.
	MaxSynapses = math.MaxInt32
	// MaxConnBytes is the largest memory, in bytes, that building one
	// projection may need (16 GiB).
	MaxConnBytes = 16 << 30
)

// Tags for the fourth id of the row streams of each rule, so that two
// rules on the same projection id draw different numbers.
const (
	tagOutdegree = 1
	tagIndegree  = 2
	tagBernoulli = 3
)

// self returns the postsynaptic index of pre neuron i itself, or -1 if
// there is none or self connections are allowed.
func (s *ConnSpec) self(i int) int {
	if !s.NoSelf || !s.SamePop {
		return -1
	}
	j := i + s.SelfOffset
	if j < 0 || j >= s.NPost {
		return -1
	}
	return j
}

// selfPre returns the presynaptic index of post neuron j itself, or -1.
func (s *ConnSpec) selfPre(j int) int {
	if !s.NoSelf || !s.SamePop {
		return -1
	}
	i := j - s.SelfOffset
	if i < 0 || i >= s.NPre {
		return -1
	}
	return i
}

// check validates the population sizes.
func (s *ConnSpec) check(rule string) error {
	if s.NPre < 0 || s.NPost < 0 {
		return fmt.Errorf("%s: negative population size (pre %d, post %d)", rule, s.NPre, s.NPost)
	}
	if s.NPre > math.MaxInt32 || s.NPost > math.MaxInt32 {
		return fmt.Errorf("%s: population of %d × %d neurons exceeds the limit of %d neurons", rule, s.NPre, s.NPost, math.MaxInt32)
	}
	return nil
}

// checkSize reports an error if a projection of m synapses over nPre
// rows would exceed MaxSynapses or, with extra bytes of scratch space
// per synapse, MaxConnBytes.
func checkSize(rule string, m float64, nPre int, extra float64) error {
	bytes := 4*float64(nPre+1) + (4+extra)*m
	if m > MaxSynapses {
		return fmt.Errorf("%s: %.0f synapses exceed the limit of %d (estimated memory %s)", rule, m, MaxSynapses, gib(bytes))
	}
	if bytes > MaxConnBytes {
		return fmt.Errorf("%s: %.0f synapses need an estimated %s, more than the limit of %s", rule, m, gib(bytes), gib(MaxConnBytes))
	}
	return nil
}

// gib formats a byte count in GiB.
func gib(b float64) string {
	return fmt.Sprintf("%.1f GiB", b/(1<<30))
}

// OneToOne connects pre neuron i to post neuron i, for NPre == NPost.
// With NoSelf and SamePop, pairs that are a neuron and itself are left
// out (so with SelfOffset 0 the result is empty).
func OneToOne(s ConnSpec) (CSR, error) {
	const rule = "one_to_one"
	if err := s.check(rule); err != nil {
		return CSR{}, err
	}
	if s.NPre != s.NPost {
		return CSR{}, fmt.Errorf("%s: %d presynaptic but %d postsynaptic neurons", rule, s.NPre, s.NPost)
	}
	c := CSR{Ptr: make([]int32, s.NPre+1), Idx: make([]int32, 0, s.NPre)}
	for i := 0; i < s.NPre; i++ {
		if s.self(i) != i {
			c.Idx = append(c.Idx, int32(i))
		}
		c.Ptr[i+1] = int32(len(c.Idx))
	}
	return c, nil
}

// AllToAll connects every pre neuron to every post neuron, except a
// neuron to itself if NoSelf (and SamePop) is set.
func AllToAll(s ConnSpec) (CSR, error) {
	const rule = "all_to_all"
	if err := s.check(rule); err != nil {
		return CSR{}, err
	}
	if err := checkSize(rule, float64(s.NPre)*float64(s.NPost), s.NPre, 0); err != nil {
		return CSR{}, err
	}
	c := CSR{Ptr: make([]int32, s.NPre+1), Idx: make([]int32, 0, s.NPre*s.NPost)}
	for i := 0; i < s.NPre; i++ {
		self := s.self(i)
		for j := 0; j < s.NPost; j++ {
			if j != self {
				c.Idx = append(c.Idx, int32(j))
			}
		}
		c.Ptr[i+1] = int32(len(c.Idx))
	}
	return c, nil
}

// FromPairs builds the connectivity given by the pairs (pre[k], post[k]),
// as read by [ReadPairs] from the file name (used in errors only). It
// checks that every index is in range and reports the first bad one by
// its row, counted from 0 as in numpy. Duplicate pairs are kept as
// multapses. Each row is sorted by post index, and equal pairs keep their
// order in the file, so that per-synapse values read from a parallel file
// can be permuted the same way (see [FromPairsPerm]).
func FromPairs(pre, post []int64, nPre, nPost int, name string) (CSR, error) {
	c, _, err := FromPairsPerm(pre, post, nPre, nPost, name)
	return c, err
}

// FromPairsPerm is [FromPairs] that also returns the permutation from
// file rows to synapses: synapse perm[k] of the CSR (its position in
// Idx) is the pair in row k of the file.
func FromPairsPerm(pre, post []int64, nPre, nPost int, name string) (CSR, []int32, error) {
	if len(pre) != len(post) {
		return CSR{}, nil, fmt.Errorf("%s: %d presynaptic but %d postsynaptic indices", name, len(pre), len(post))
	}
	spec := ConnSpec{NPre: nPre, NPost: nPost}
	if err := spec.check(name); err != nil {
		return CSR{}, nil, err
	}
	if err := checkSize(name, float64(len(pre)), nPre, 12); err != nil {
		return CSR{}, nil, err
	}
	for k := range pre {
		if err := checkPair(name, k, pre[k], post[k], nPre, nPost); err != nil {
			return CSR{}, nil, err
		}
	}
	// Two stable counting sorts (LSD radix): by post, then by pre.
	m := len(pre)
	byPost := countingSort(nil, post, nPost, m)
	order := countingSort(byPost, pre, nPre, m)
	c := CSR{Ptr: make([]int32, nPre+1), Idx: make([]int32, m)}
	perm := make([]int32, m)
	for k, r := range order {
		c.Idx[k] = int32(post[r])
		perm[r] = int32(k)
		c.Ptr[pre[r]+1]++
	}
	for i := 0; i < nPre; i++ {
		c.Ptr[i+1] += c.Ptr[i]
	}
	return c, perm, nil
}

// checkPair reports an out-of-range index in row k.
func checkPair(name string, k int, i, j int64, nPre, nPost int) error {
	if i < 0 || i >= int64(nPre) {
		return fmt.Errorf("%s: row %d: pre index %d out of range [0, %d)", name, k, i, nPre)
	}
	if j < 0 || j >= int64(nPost) {
		return fmt.Errorf("%s: row %d: post index %d out of range [0, %d)", name, k, j, nPost)
	}
	return nil
}

// countingSort returns the rows in (the rows order, or 0..m-1 if order is
// nil) stably sorted by key[row], with keys in [0, n).
func countingSort(order []int32, key []int64, n, m int) []int32 {
	start := make([]int32, n+1)
	for _, k := range key {
		start[k+1]++
	}
	for i := 0; i < n; i++ {
		start[i+1] += start[i]
	}
	out := make([]int32, m)
	for r := 0; r < m; r++ {
		row := int32(r)
		if order != nil {
			row = order[r]
		}
		k := key[row]
		out[start[k]] = row
		start[k]++
	}
	return out
}

// PartStarts returns, for a step cut into parts chunks of the
// postsynaptic population (Part over its neurons), where each chunk's
// targets start in every row of c: entry i*parts+k is the position in row
// i, relative to Ptr[i], of its first target t with post+t in chunk k or
// later, post being the start of the projection's targets in the
// population. The delivery of a chunk then starts there instead of
// searching each row of a spiking neuron (codegen/synapse.go). It returns
// nil for one part, and when the table would take more than a quarter of
// the memory of c.Idx (more parts than a quarter of the mean row length):
// the delivery searches then.
func (c *CSR) PartStarts(parts, neurons, post int) []int32 {
	rows := c.NumPre()
	if parts <= 1 || rows*parts > len(c.Idx)/4 {
		return nil
	}
	first := make([]int32, parts) // chunk k's first target, relative to post
	for k := range parts {
		lo, _ := Part(k, parts, neurons)
		first[k] = int32(max(lo-post, 0))
	}
	starts := make([]int32, rows*parts)
	for i := range rows {
		row := c.Row(i)
		for k, f := range first {
			r, _ := slices.BinarySearch(row, f)
			starts[i*parts+k] = int32(r)
		}
	}
	return starts
}
