package analysis

import (
	"math"
	"math/rand/v2"
)

// samplePairs chooses the pairs of the pairwise correlation among the
// active neurons (at least one spike in the window): all pairs when there
// are at most p.MaxPairs, else p.MaxPairs distinct pairs drawn uniformly by
// a PCG generator seeded with (p.PairSeed, 0). The same data and parameters
// give the same pairs.
func samplePairs(tr *trains, n int, p Params) [][2]int32 {
	var active []int32
	for i := range n {
		if tr.start[i+1] > tr.start[i] {
			active = append(active, int32(i))
		}
	}
	m := len(active)
	if m < 2 {
		return nil
	}
	var pairs [][2]int32
	if total := m * (m - 1) / 2; total <= p.MaxPairs {
		for i := range m {
			for j := i + 1; j < m; j++ {
				pairs = append(pairs, [2]int32{active[i], active[j]})
			}
		}
		return pairs
	}
	rng := rand.New(rand.NewPCG(p.PairSeed, 0))
	seen := make(map[[2]int32]bool, p.MaxPairs)
	for len(pairs) < p.MaxPairs {
		i, j := active[rng.IntN(m)], active[rng.IntN(m)]
		if i == j {
			continue
		}
		pr := [2]int32{min(i, j), max(i, j)}
		if !seen[pr] {
			seen[pr] = true
			pairs = append(pairs, pr)
		}
	}
	return pairs
}

// countRun is a bin with its spike count.
type countRun struct{ bin, n int }

// counts returns a neuron's nonzero spike counts per count bin, in bin order,
// with their sum and sum of squares.
func counts(ts []float64, p Params, nb int) (runs []countRun, s1, s2 float64) {
	for _, t := range ts {
		b := binOf(t, p.FromMs, p.CountBinMs)
		if b >= nb {
			break
		}
		if k := len(runs) - 1; k >= 0 && runs[k].bin == b {
			runs[k].n++
		} else {
			runs = append(runs, countRun{b, 1})
		}
	}
	for _, r := range runs {
		s1 += float64(r.n)
		s2 += float64(r.n * r.n)
	}
	return runs, s1, s2
}

// pairCorr is the mean Pearson correlation of the pairs' spike counts in
// bins of p.CountBinMs, over the pairs whose two counts vary; it returns
// the mean and the number of pairs averaged.
func pairCorr(tr *trains, pairs [][2]int32, p Params) (Float, int) {
	nb := bins(p, p.CountBinMs)
	type neuron struct {
		runs       []countRun
		mean, sd   float64
		done, flat bool
	}
	cache := map[int32]*neuron{}
	get := func(i int32) *neuron {
		if c := cache[i]; c != nil {
			return c
		}
		runs, s1, s2 := counts(tr.of(int(i)), p, nb)
		m := s1 / float64(nb)
		v := s2/float64(nb) - m*m
		c := &neuron{runs: runs, mean: m, sd: math.Sqrt(math.Max(v, 0)), flat: !(v > 1e-12*(m*m+1))}
		cache[i] = c
		return c
	}
	sum, used := 0.0, 0
	for _, pr := range pairs {
		a, b := get(pr[0]), get(pr[1])
		if a.flat || b.flat {
			continue
		}
		cross, j := 0.0, 0
		for _, r := range a.runs {
			for j < len(b.runs) && b.runs[j].bin < r.bin {
				j++
			}
			if j < len(b.runs) && b.runs[j].bin == r.bin {
				cross += float64(r.n * b.runs[j].n)
			}
		}
		sum += (cross/float64(nb) - a.mean*b.mean) / (a.sd * b.sd)
		used++
	}
	if used == 0 {
		return NaN, 0
	}
	return Float(sum / float64(used)), used
}
