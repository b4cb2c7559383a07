package runtime

import (
	"fmt"
	"math"
	"slices"
)

// FixedOutdegree connects each presynaptic neuron i to k postsynaptic
// neurons drawn from its own stream Key(s.Seed, s.Stream, i, 1), so row i
// does not depend on any other row.
//
// With s.Replace the k targets are k independent uniform draws from
// [0, NPost), as numpy's randint(0, n_post, (n_pre, k)) in braincell's
// EventFixedProb: repeated targets are multapses. Under NoSelf a draw of
// the neuron itself is drawn again. Without s.Replace the k targets are
// distinct, a uniform k-subset of the candidates chosen by Floyd's
// algorithm, and it is an error if k exceeds the number of candidates.
// Each row is sorted ascending.
func FixedOutdegree(s ConnSpec, k int) (CSR, error) {
	const rule = "fixed_outdegree"
	if err := checkDegree(&s, rule, k, s.NPre, s.NPost); err != nil {
		return CSR{}, err
	}
	extra := 0.0
	if !s.Replace {
		extra = 4 * float64(s.NPost) / math.Max(1, float64(s.NPre)*float64(k)) // Floyd marks
	}
	if err := checkSize(rule, float64(s.NPre)*float64(k), s.NPre, extra); err != nil {
		return CSR{}, err
	}
	c := CSR{Ptr: make([]int32, s.NPre+1), Idx: make([]int32, s.NPre*k)}
	var marks []int32
	if !s.Replace && k > 0 {
		marks = make([]int32, s.NPost)
	}
	for i := 0; i < s.NPre; i++ {
		row := c.Idx[i*k : (i+1)*k]
		st := Key(s.Seed, s.Stream, uint64(i), tagOutdegree)
		if s.Replace {
			drawWithReplacement(&st, row, s.NPost, s.self(i))
		} else {
			drawDistinct(&st, row, s.NPost, s.self(i), marks, int32(i+1))
		}
		slices.Sort(row)
		c.Ptr[i+1] = int32((i + 1) * k)
	}
	return c, nil
}

// FixedIndegree connects each postsynaptic neuron j to k presynaptic
// neurons drawn from its own stream Key(s.Seed, s.Stream, j, 2), with or
// without replacement as [FixedOutdegree] (with the roles of pre and post
// exchanged), and returns the result transposed to rows by presynaptic
// neuron by a stable counting sort, so that each row is ascending.
func FixedIndegree(s ConnSpec, k int) (CSR, error) {
	const rule = "fixed_indegree"
	if err := checkDegree(&s, rule, k, s.NPost, s.NPre); err != nil {
		return CSR{}, err
	}
	extra := 4.0 // the sources, before transposing
	if !s.Replace {
		extra += 4 * float64(s.NPre) / math.Max(1, float64(s.NPost)*float64(k))
	}
	if err := checkSize(rule, float64(s.NPost)*float64(k), s.NPre, extra); err != nil {
		return CSR{}, err
	}
	src := make([]int32, s.NPost*k)
	var marks []int32
	if !s.Replace && k > 0 {
		marks = make([]int32, s.NPre)
	}
	for j := 0; j < s.NPost; j++ {
		col := src[j*k : (j+1)*k]
		st := Key(s.Seed, s.Stream, uint64(j), tagIndegree)
		if s.Replace {
			drawWithReplacement(&st, col, s.NPre, s.selfPre(j))
		} else {
			drawDistinct(&st, col, s.NPre, s.selfPre(j), marks, int32(j+1))
		}
	}
	return transpose(src, k, s.NPre), nil
}

// transpose turns k sources per post neuron (src[j*k:(j+1)*k]) into a CSR
// by pre neuron. Visiting j in ascending order keeps every row ascending.
func transpose(src []int32, k, nPre int) CSR {
	c := CSR{Ptr: make([]int32, nPre+1), Idx: make([]int32, len(src))}
	for _, i := range src {
		c.Ptr[i+1]++
	}
	for i := 0; i < nPre; i++ {
		c.Ptr[i+1] += c.Ptr[i]
	}
	next := slices.Clone(c.Ptr[:nPre])
	for p, i := range src {
		c.Idx[next[i]] = int32(p / k)
		next[i]++
	}
	return c
}

// checkDegree validates a fixed-degree rule: k entries per row drawn from
// n candidates (n-1 with a self index to avoid).
func checkDegree(s *ConnSpec, rule string, k, rows, n int) error {
	if err := s.check(rule); err != nil {
		return err
	}
	if k < 0 {
		return fmt.Errorf("%s: negative degree %d", rule, k)
	}
	if k == 0 || rows == 0 {
		return nil
	}
	cand := n
	if s.NoSelf && s.SamePop && overlaps(s) {
		cand = n - 1 // some rows lose their self candidate
	}
	switch {
	case cand <= 0:
		return fmt.Errorf("%s: degree %d but no candidate neurons (%d in the population)", rule, k, n)
	case !s.Replace && k > cand:
		return fmt.Errorf("%s: degree %d exceeds the %d candidate neurons (without replacement)", rule, k, cand)
	}
	return nil
}

// overlaps reports whether some pre index i has i+SelfOffset in the post
// range.
func overlaps(s *ConnSpec) bool {
	lo := max(0, -s.SelfOffset)             // smallest i with i+off >= 0
	hi := min(s.NPre, s.NPost-s.SelfOffset) // i < hi means i+off < NPost
	return lo < hi
}

// drawWithReplacement fills out with independent draws from [0, n),
// drawing again whenever it hits self (-1 for none).
func drawWithReplacement(st *Stream, out []int32, n, self int) {
	for t := range out {
		j := st.Intn(n)
		for j == self {
			j = st.Intn(n)
		}
		out[t] = int32(j)
	}
}

// drawDistinct fills out with a uniform random subset of [0, n) \ {self}
// by Floyd's algorithm: for m = n'-k … n'-1 it draws t from [0, m] and
// takes t, or m if t was already taken. Indices at or above self are
// shifted up by one to skip it. marks[x] == epoch records that x is taken;
// a new epoch per row spares clearing marks.
func drawDistinct(st *Stream, out []int32, n, self int, marks []int32, epoch int32) {
	if self >= 0 {
		n--
	}
	k := len(out)
	for t, m := 0, n-k; m < n; t, m = t+1, m+1 {
		x := st.Intn(m + 1)
		if marks[x] == epoch {
			x = m
		}
		marks[x] = epoch
		if self >= 0 && x >= self {
			out[t] = int32(x + 1)
		} else {
			out[t] = int32(x)
		}
	}
}

// Bernoulli connects each pair (i, j) independently with probability p,
// as Brian2's Synapses.connect(p=p), leaving out a neuron and itself under
// NoSelf. Row i is drawn from Key(s.Seed, s.Stream, i, 3) by geometric
// skipping: the gap to the next target is ⌊ln(1−u)/ln(1−p)⌋ for a
// uniform u, so a row costs O(1 + p·NPost) draws rather than NPost.
func Bernoulli(s ConnSpec, p float64) (CSR, error) {
	const rule = "bernoulli"
	if err := s.check(rule); err != nil {
		return CSR{}, err
	}
	if !(p >= 0 && p <= 1) {
		return CSR{}, fmt.Errorf("%s: probability %v not in [0, 1]", rule, p)
	}
	pairs := float64(s.NPre) * float64(s.NPost)
	mean := p * pairs
	guess := mean + 5*math.Sqrt(mean*(1-p)) // rarely exceeded; append grows
	if err := checkSize(rule, mean, s.NPre, 0); err != nil {
		return CSR{}, err
	}
	c := CSR{Ptr: make([]int32, s.NPre+1), Idx: make([]int32, 0, int(math.Min(guess, pairs)))}
	lq := math.Log1p(-p)
	for i := 0; i < s.NPre; i++ {
		st := Key(s.Seed, s.Stream, uint64(i), tagBernoulli)
		c.Idx = bernoulliRow(&st, c.Idx, s.NPost, s.self(i), p, lq)
		if len(c.Idx) > MaxSynapses {
			return CSR{}, checkSize(rule, float64(len(c.Idx))*pairs/float64((i+1)*s.NPost), s.NPre, 0)
		}
		c.Ptr[i+1] = int32(len(c.Idx))
	}
	return c, nil
}

// bernoulliRow appends to idx each j in [0, n) \ {self} with probability
// p, where lq = ln(1−p).
func bernoulliRow(st *Stream, idx []int32, n, self int, p, lq float64) []int32 {
	if p == 0 {
		return idx
	}
	for j := -1; ; {
		if p < 1 {
			gap := math.Floor(math.Log1p(-st.Float64()) / lq)
			if float64(j)+gap+1 >= float64(n) {
				return idx
			}
			j += int(gap) + 1
		} else if j++; j >= n {
			return idx
		}
		if j != self {
			idx = append(idx, int32(j))
		}
	}
}
