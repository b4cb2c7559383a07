// Package report turns the output of a simulation run into numbers and
// pictures: per-population statistics, the summary, and raster and trace
// plots (with gonum/plot).
package report

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
)

// Pop is a population of the run: neurons Offset to Offset+Size-1.
type Pop struct {
	Name         string
	Type         string
	Offset, Size int
}

// PopStats are the statistics of one population over the run.
type PopStats struct {
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Neurons  int      `json:"neurons"`
	Spikes   int      `json:"spikes"`
	RateHz   float64  `json:"mean_rate_hz"`
	CVISI    *float64 `json:"mean_cv_isi"` // null when no neuron fired 3 times
	CVNeuron int      `json:"cv_isi_neurons"`
}

// Spikes is a spike raster read from spikes.csv.
type Spikes struct {
	T      []float64 // ms
	Neuron []int32
}

// scanSpikes calls f for each spike of a spikes.csv file, in file order,
// holding nothing in memory.
func scanSpikes(path string, f func(t float64, n int32)) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if line == 1 {
			continue
		}
		a, b, ok := strings.Cut(sc.Text(), ",")
		t, err1 := strconv.ParseFloat(a, 64)
		n, err2 := strconv.ParseInt(b, 10, 32)
		if !ok || err1 != nil || err2 != nil {
			return fmt.Errorf("%s:%d: not t_ms,neuron: %q", path, line, sc.Text())
		}
		f(t, int32(n))
	}
	return sc.Err()
}

// isiStats accumulates per-neuron inter-spike-interval sums.
type isiStats struct {
	last, sum, sumSq []float64
	n                []int
}

func newISIStats(neurons int) *isiStats {
	return &isiStats{last: make([]float64, neurons), sum: make([]float64, neurons), sumSq: make([]float64, neurons), n: make([]int, neurons)}
}

func (a *isiStats) add(t float64, k int) {
	if k < 0 || k >= len(a.n) {
		return
	}
	if a.n[k] > 0 {
		isi := t - a.last[k]
		a.sum[k] += isi
		a.sumSq[k] += isi * isi
	}
	a.last[k] = t
	a.n[k]++
}

// Stats computes each population's spike count, mean rate over durationMs,
// and mean coefficient of variation of the inter-spike intervals (over the
// neurons with at least three spikes).
func Stats(s *Spikes, pops []Pop, durationMs float64) []PopStats {
	a := newISIStats(extent(pops))
	for i, t := range s.T {
		a.add(t, int(s.Neuron[i]))
	}
	return a.stats(pops, durationMs)
}

// Analyze streams a spikes.csv file of spikes spikes once: it returns the
// statistics of pops and of groups, and the raster of parts (see
// RasterData). Memory is proportional to the number of neurons and
// MaxRasterDots, not to the run's length.
func Analyze(path string, pops, groups, parts []Pop, durationMs float64, spikes int) (*RasterData, []PopStats, []PopStats, error) {
	return AnalyzeKeep(path, pops, groups, parts, durationMs, spikes, nil)
}

// AnalyzeKeep is Analyze that also appends every spike to all, unless all is
// nil (the network-state analysis needs them: memory O(spikes)).
func AnalyzeKeep(path string, pops, groups, parts []Pop, durationMs float64, spikes int, all *Spikes) (*RasterData, []PopStats, []PopStats, error) {
	neurons := max(extent(pops), extent(groups))
	a := newISIStats(neurons)
	r := &RasterData{Neurons: neurons, Stride: RasterStride(spikes, neurons), ShownMs: durationMs, BinMs: rateBin(durationMs)}
	r.Rows = (neurons + r.Stride - 1) / r.Stride
	rates := newRateAcc(parts, durationMs, r.BinMs)
	full := false
	err := scanSpikes(path, func(t float64, n int32) {
		a.add(t, int(n))
		rates.add(t, int(n))
		if all != nil {
			all.T = append(all.T, t)
			all.Neuron = append(all.Neuron, n)
		}
		if int(n)%r.Stride != 0 || full {
			return
		}
		if len(r.Spikes.T) == MaxRasterDots {
			full, r.ShownMs = true, r.Spikes.T[len(r.Spikes.T)-1]
			return
		}
		r.Spikes.T = append(r.Spikes.T, t)
		r.Spikes.Neuron = append(r.Spikes.Neuron, n)
	})
	if err != nil {
		return nil, nil, nil, err
	}
	r.Rates = rates.hz()
	return r, a.stats(pops, durationMs), a.stats(groups, durationMs), nil
}

func extent(pops []Pop) int {
	total := 0
	for _, p := range pops {
		total = max(total, p.Offset+p.Size)
	}
	return total
}

func (a *isiStats) stats(pops []Pop, durationMs float64) []PopStats {
	out := make([]PopStats, len(pops))
	for i, p := range pops {
		st := PopStats{Name: p.Name, Type: p.Type, Neurons: p.Size}
		cvSum := 0.0
		for k := p.Offset; k < p.Offset+p.Size && k < len(a.n); k++ {
			st.Spikes += a.n[k]
			if m := a.n[k] - 1; m >= 2 {
				mean := a.sum[k] / float64(m)
				variance := math.Max(0, a.sumSq[k]/float64(m)-mean*mean)
				if mean > 0 {
					cvSum += math.Sqrt(variance) / mean
					st.CVNeuron++
				}
			}
		}
		if durationMs > 0 && p.Size > 0 {
			st.RateHz = float64(st.Spikes) / float64(p.Size) / (durationMs / 1000)
		}
		if st.CVNeuron > 0 {
			cv := cvSum / float64(st.CVNeuron)
			st.CVISI = &cv
		}
		out[i] = st
	}
	return out
}

// Rate returns each population's firing rate (Hz) in bins of width binMs
// over [0, durationMs): rates[pop][bin].
func Rate(s *Spikes, pops []Pop, durationMs, binMs float64) [][]float64 {
	acc := newRateAcc(pops, durationMs, binMs)
	for i, t := range s.T {
		acc.add(t, int(s.Neuron[i]))
	}
	return acc.hz()
}

// rateAcc counts spikes per population and time bin.
type rateAcc struct {
	pops   []Pop
	binMs  float64
	counts [][]float64
}

func newRateAcc(pops []Pop, durationMs, binMs float64) *rateAcc {
	bins := max(1, int(math.Ceil(durationMs/binMs)))
	a := &rateAcc{pops: pops, binMs: binMs, counts: make([][]float64, len(pops))}
	for i := range a.counts {
		a.counts[i] = make([]float64, bins)
	}
	return a
}

func (a *rateAcc) add(t float64, k int) {
	b := int(t / a.binMs)
	if b < 0 || len(a.counts) == 0 || b >= len(a.counts[0]) {
		return
	}
	for j, p := range a.pops {
		if k >= p.Offset && k < p.Offset+p.Size {
			a.counts[j][b]++
		}
	}
}

// hz turns the counts into rates.
func (a *rateAcc) hz() [][]float64 {
	for j, p := range a.pops {
		for b := range a.counts[j] {
			a.counts[j][b] /= float64(p.Size) * a.binMs / 1000
		}
	}
	return a.counts
}

// Parts splits each population into its groups when the groups tile it
// exactly (E and I of one population N), so a raster colours them; other
// populations stay whole.
func Parts(pops, groups []Pop) []Pop {
	var out []Pop
	for _, p := range pops {
		var in []Pop
		for _, g := range groups {
			if g.Offset >= p.Offset && g.Offset+g.Size <= p.Offset+p.Size {
				in = append(in, g)
			}
		}
		sort.Slice(in, func(i, j int) bool { return in[i].Offset < in[j].Offset })
		next, tiles := p.Offset, len(in) > 0
		for _, g := range in {
			tiles = tiles && g.Offset == next
			next = g.Offset + g.Size
		}
		if tiles && next == p.Offset+p.Size {
			out = append(out, in...)
		} else {
			out = append(out, p)
		}
	}
	return out
}
