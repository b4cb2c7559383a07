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

// ReadSpikes reads a spikes.csv file (header t_ms,neuron).
func ReadSpikes(path string) (*Spikes, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s := &Spikes{}
	sc := bufio.NewScanner(f)
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
			return nil, fmt.Errorf("%s:%d: not t_ms,neuron: %q", path, line, sc.Text())
		}
		s.T = append(s.T, t)
		s.Neuron = append(s.Neuron, int32(n))
	}
	return s, sc.Err()
}

// Stats computes each population's spike count, mean rate over durationMs,
// and mean coefficient of variation of the inter-spike intervals (over the
// neurons with at least three spikes).
func Stats(s *Spikes, pops []Pop, durationMs float64) []PopStats {
	total := 0
	for _, p := range pops {
		total = max(total, p.Offset+p.Size)
	}
	last := make([]float64, total)
	n := make([]int, total)
	sum := make([]float64, total)   // of ISIs
	sumSq := make([]float64, total) // of ISIs
	for i, t := range s.T {
		k := int(s.Neuron[i])
		if k < 0 || k >= total {
			continue
		}
		if n[k] > 0 {
			isi := t - last[k]
			sum[k] += isi
			sumSq[k] += isi * isi
		}
		last[k] = t
		n[k]++
	}
	out := make([]PopStats, len(pops))
	for i, p := range pops {
		st := PopStats{Name: p.Name, Type: p.Type, Neurons: p.Size}
		cvSum := 0.0
		for k := p.Offset; k < p.Offset+p.Size; k++ {
			st.Spikes += n[k]
			if m := n[k] - 1; m >= 2 {
				mean := sum[k] / float64(m)
				variance := math.Max(0, sumSq[k]/float64(m)-mean*mean)
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
