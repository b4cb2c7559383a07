package runtime

import (
	"fmt"
	"math"
	"slices"
	"sort"
)

// Per-connection values: a projection's weights or delays that differ from
// connection to connection are one float64 per synapse, in the order of
// [CSR.Idx], computed in New.

// SynapsePair returns the presynaptic and postsynaptic indices of the
// synapse at position q of c.Idx.
func (c *CSR) SynapsePair(q int) (pre, post int) {
	// The last row whose start is <= q, skipping empty rows.
	i := sort.Search(len(c.Ptr), func(i int) bool { return int(c.Ptr[i]) > q }) - 1
	return i, int(c.Idx[q])
}

// CheckSynapseValues reports the first per-connection value of vals (one
// per synapse of c) that is not finite or, with nonNeg, is below 0. what
// names the quantity ("projection E: weight") and unit is its internal
// unit, for the message.
func CheckSynapseValues(c *CSR, vals []float64, nonNeg bool, what, unit string) error {
	if len(vals) != len(c.Idx) {
		return fmt.Errorf("%s: %d values for %d connections", what, len(vals), len(c.Idx))
	}
	for q, v := range vals {
		bad := math.IsNaN(v) || math.IsInf(v, 0)
		if bad || (nonNeg && v < 0) {
			i, j := c.SynapsePair(q)
			rule := "is not a finite number"
			if !bad {
				rule = "is below 0"
			}
			return fmt.Errorf("%s of the connection %d -> %d is %g %s, which %s", what, i, j, v, unit, rule)
		}
	}
	return nil
}

// SynapseDelays converts per-connection delays (ms, one per synapse of c)
// into whole steps of dt, round(delay/dt) as [DelaySteps] does, and returns
// them with the largest. It refuses a negative or non-finite delay, naming
// its connection, and a largest delay whose spike ring for neurons neurons
// would need more than MaxMemory.
func SynapseDelays(c *CSR, delays []float64, dt float64, neurons int, what string) ([]int32, int, error) {
	if err := CheckSynapseValues(c, delays, true, what, "ms"); err != nil {
		return nil, 0, err
	}
	steps := make([]int32, len(delays))
	longest := 0.0
	for q, d := range delays {
		s := math.Round(d / dt)
		if s > longest {
			longest = s
		}
		if s > math.MaxInt32 {
			s = math.MaxInt32 // refused below
		}
		steps[q] = int32(s)
	}
	if b := RingBytes(longest+1, neurons); b > MaxMemory {
		return nil, 0, fmt.Errorf("%s: the longest delay is %.4g steps of dt = %g ms: the spike ring would need %s, more than the %s limit", what, longest, dt, HumanBytes(b), HumanBytes(MaxMemory))
	}
	return steps, int(longest), nil
}

// SortByDelay reorders each row of c stably by delay, so that the synapses
// of one delay are contiguous, in ascending postsynaptic order within it.
// It permutes delay and every slice of vals (one value per synapse) the
// same way. Spike delivery then finds the synapses of delay d in a row by
// binary search (see [DelaySegment]).
func SortByDelay(c *CSR, delay []int32, vals ...[]float64) {
	var perm []int32
	var idx, dl []int32
	var tmp []float64
	for i := 0; i+1 < len(c.Ptr); i++ {
		a, b := int(c.Ptr[i]), int(c.Ptr[i+1])
		if slices.IsSorted(delay[a:b]) {
			continue
		}
		perm = perm[:0]
		for q := a; q < b; q++ {
			perm = append(perm, int32(q))
		}
		slices.SortStableFunc(perm, func(x, y int32) int { return int(delay[x]) - int(delay[y]) })
		idx, dl = idx[:0], dl[:0]
		for _, q := range perm {
			idx = append(idx, c.Idx[q])
			dl = append(dl, delay[q])
		}
		copy(c.Idx[a:b], idx)
		copy(delay[a:b], dl)
		for _, v := range vals {
			tmp = tmp[:0]
			for _, q := range perm {
				tmp = append(tmp, v[q])
			}
			copy(v[a:b], tmp)
		}
	}
}

// DelaySegment returns the positions [x, y) of c.Idx of the synapses of
// presynaptic neuron i whose delay is d, for rows sorted by [SortByDelay].
// It allocates nothing.
func DelaySegment(c *CSR, delay []int32, i int, d int32) (x, y int) {
	a, b := int(c.Ptr[i]), int(c.Ptr[i+1])
	row := delay[a:b]
	lo, _ := slices.BinarySearch(row, d)
	hi, _ := slices.BinarySearch(row[lo:], d+1)
	return a + lo, a + lo + hi
}
