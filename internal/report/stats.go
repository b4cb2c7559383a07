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

// Analyze streams a spikes.csv file once: it returns the statistics of pops
// and of groups, and the first keep spikes for the raster. Memory is
// proportional to the number of neurons and keep, not to the run's length.
func Analyze(path string, pops, groups []Pop, durationMs float64, keep int) (*Spikes, []PopStats, []PopStats, error) {
	a := newISIStats(max(extent(pops), extent(groups)))
	raster := &Spikes{}
	err := scanSpikes(path, func(t float64, n int32) {
		a.add(t, int(n))
		if len(raster.T) < keep {
			raster.T = append(raster.T, t)
			raster.Neuron = append(raster.Neuron, n)
		}
	})
	if err != nil {
		return nil, nil, nil, err
	}
	return raster, a.stats(pops, durationMs), a.stats(groups, durationMs), nil
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
	bins := max(1, int(math.Ceil(durationMs/binMs)))
	rates := make([][]float64, len(pops))
	for i := range rates {
		rates[i] = make([]float64, bins)
	}
	for i, t := range s.T {
		b := int(t / binMs)
		if b < 0 || b >= bins {
			continue
		}
		for j, p := range pops {
			if k := int(s.Neuron[i]); k >= p.Offset && k < p.Offset+p.Size {
				rates[j][b]++
			}
		}
	}
	for j, p := range pops {
		for b := range rates[j] {
			rates[j][b] /= float64(p.Size) * binMs / 1000
		}
	}
	return rates
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
