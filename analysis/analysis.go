package analysis

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// Spikes is a spike array: spike k is neuron Neuron[k] at time T[k] (ms),
// in nondecreasing time.
type Spikes struct {
	Neuron []int32
	T      []float64
}

// Float is a number that may be undefined for the data: NaN in Go, null in
// JSON.
type Float float64

// NaN is the undefined Float.
var NaN = Float(math.NaN())

// Defined reports whether f is a number.
func (f Float) Defined() bool { return !math.IsNaN(float64(f)) }

// MarshalJSON writes null for NaN (and for ±Inf, which the analysis never
// produces), the shortest representation otherwise.
func (f Float) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, float64(f), 'g', -1, 64), nil
}

// UnmarshalJSON reads null as NaN.
func (f *Float) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*f = NaN
		return nil
	}
	v, err := strconv.ParseFloat(string(b), 64)
	*f = Float(v)
	return err
}

// Result is the analysis of one group of neurons over the window.
type Result struct {
	Neurons        int    `json:"neurons"`
	Spikes         int    `json:"spikes"` // in the window
	MeanRateHz     Float  `json:"mean_rate_hz"`
	MedianRateHz   Float  `json:"median_rate_hz"`
	SilentFraction Float  `json:"silent_fraction"` // neurons without a spike in the window
	CVISI          Float  `json:"cv_isi"`          // mean over the neurons with ≥ 3 spikes
	CVNeurons      int    `json:"cv_isi_neurons"`
	CVIntervals    Float  `json:"cv_isi_intervals"` // mean intervals per neuron of the CV
	LV             Float  `json:"lv"`               // mean over the same neurons
	FanoFactor     Float  `json:"fano_factor"`
	SynchronyChi   Float  `json:"synchrony_chi"`
	PairwiseCorr   Float  `json:"pairwise_corr"`
	Pairs          int    `json:"pairwise_corr_pairs"` // pairs averaged
	PSDPeakHz      Float  `json:"psd_peak_hz"`
	PSDPeakRel     Float  `json:"psd_peak_rel_power"`
	SegmentChi     Float  `json:"segment_chi"`     // χ without the drift slower than a Welch segment
	SpectralChi    Float  `json:"spectral_chi"`    // χ at the frequency where the neurons share most power
	SpectralChiHz  Float  `json:"spectral_chi_hz"` // that frequency
	BurstFraction  Float  `json:"burst_fraction"`
	Bursts         int    `json:"bursts"`
	PopBurstRateHz Float  `json:"population_burst_rate_hz"`
	Regime         string `json:"regime"`

	Series Series `json:"-"`
}

// Series are the curves behind the numbers, for figures.
type Series struct {
	Rate       []float64  // population rate (Hz) in bins of BinMs from FromMs
	Freq, PSD  []float64  // Welch spectrum of Rate: Hz and Hz²/Hz
	NeuronRate []float64  // each neuron's rate (Hz)
	ISI        []float64  // every inter-spike interval in the window (ms)
	Pairs      [][2]int32 // the pairs of the pairwise correlation (indices in the group)
}

// trains holds the spikes of the window by neuron: neuron i's times are
// t[start[i]:start[i+1]], in order. A group's trains share t with the
// network's: only start is a subslice.
type trains struct {
	start []int32
	t     []float64
}

func (tr *trains) of(i int) []float64 { return tr.t[tr.start[i]:tr.start[i+1]] }

// group returns the trains of neurons first … first+n−1 of tr.
func (tr *trains) group(first, n int) *trains {
	return &trains{start: tr.start[first : first+n+1], t: tr.t}
}

// all returns every spike time of the trains, neuron by neuron.
func (tr *trains) all() []float64 { return tr.t[tr.start[0]:tr.start[len(tr.start)-1]] }

// A Group is neurons First … First+N−1 of a spike array.
type Group struct{ First, N int }

// Analyze analyzes neurons first … first+n−1 of s (any other spike is
// ignored) over p's window. It returns an error for invalid parameters or
// spikes out of time order.
func Analyze(s Spikes, first, n int, p Params) (Result, error) {
	rs, err := AnalyzeGroups(s, []Group{{first, n}}, p)
	if err != nil {
		return Result{}, err
	}
	return rs[0], nil
}

// AnalyzeGroups analyzes each group of s, as Analyze does, sorting the
// spikes by neuron once for all of them.
func AnalyzeGroups(s Spikes, groups []Group, p Params) ([]Result, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	if len(s.T) != len(s.Neuron) {
		return nil, fmt.Errorf("analysis: %d times for %d neuron indices", len(s.T), len(s.Neuron))
	}
	lo, hi := math.MaxInt, 0
	for _, g := range groups {
		if g.N < 1 || g.First < 0 {
			return nil, fmt.Errorf("analysis: group %+v: a group needs at least one neuron, from index 0 on", g)
		}
		lo, hi = min(lo, g.First), max(hi, g.First+g.N)
	}
	if len(groups) == 0 {
		return nil, nil
	}
	tr, err := split(s, lo, hi-lo, p)
	if err != nil {
		return nil, err
	}
	rs := make([]Result, len(groups))
	for i, g := range groups {
		rs[i] = analyze(tr.group(g.First-lo, g.N), g.N, p)
	}
	return rs, nil
}

func analyze(tr *trains, n int, p Params) Result {
	spikes := tr.all()
	r := Result{Neurons: n, Spikes: len(spikes)}
	a := newAccum(p, len(spikes))
	for i := range n {
		a.neuron(tr.of(i))
	}
	a.finish(&r)
	r.FanoFactor = fano(binCounts(spikes, p.FromMs, p.CountBinMs, bins(p, p.CountBinMs)))
	rate := binCounts(spikes, p.FromMs, p.BinMs, bins(p, p.BinMs))
	r.SynchronyChi = chi(rate, a.chiVar, n, p)
	r.PopBurstRateHz = popBursts(rate, p)
	scale := 1000 / (float64(n) * p.BinMs)
	for b := range rate {
		rate[b] *= scale
	}
	r.Series.Rate = rate
	r.SpectralChi, r.SpectralChiHz, r.SegmentChi = NaN, NaN, NaN
	if a.welch != nil { // what Welch(rate, 1000/p.BinMs, p.WelchSegment) computes, with the neurons' segments
		r.Series.PSD = make([]float64, a.welch.seg/2+1)
		a.welch.add(r.Series.PSD, rate)
		r.Series.Freq = a.welch.density(r.Series.PSD)
		count := make([]float64, len(r.Series.PSD))
		for k, d := range r.Series.PSD {
			count[k] = d / (scale * scale) // the density of the count, not the rate
		}
		own := a.own.density()
		r.SpectralChi, r.SpectralChiHz = spectralChi(r.Series.Freq, count, own, n)
		r.SegmentChi = segmentChi(r.Series.Freq, count, own, n, p.BinMs, p.ChiTauMs)
	}
	r.PSDPeakHz, r.PSDPeakRel = peak(r.Series.Freq, r.Series.PSD)
	r.Series.Pairs = samplePairs(tr, n, p)
	r.PairwiseCorr, r.Pairs = pairCorr(tr, r.Series.Pairs, p)
	r.Regime = Regime(r, p)
	return r
}

// split gathers the window's spikes of neurons first … first+n−1 by neuron.
func split(s Spikes, first, n int, p Params) (*trains, error) {
	count := make([]int32, n+1)
	in := func(k int) int {
		i := int(s.Neuron[k]) - first
		if i < 0 || i >= n || !(s.T[k] >= p.FromMs && s.T[k] < p.ToMs) {
			return -1
		}
		return i
	}
	for k := range s.T {
		if k > 0 && s.T[k] < s.T[k-1] {
			return nil, fmt.Errorf("analysis: spike %d at %g ms comes after one at %g ms", k, s.T[k], s.T[k-1])
		}
		if i := in(k); i >= 0 {
			count[i+1]++
		}
	}
	for i := range n {
		count[i+1] += count[i]
	}
	tr := &trains{start: count, t: make([]float64, count[n])}
	next := slices.Clone(count[:n])
	for k := range s.T {
		if i := in(k); i >= 0 {
			tr.t[next[i]] = s.T[k]
			next[i]++
		}
	}
	return tr, nil
}

// bins is the number of whole bins of width w in the window; a partial last
// bin is dropped.
func bins(p Params, w float64) int { return int(math.Floor((p.ToMs - p.FromMs) / w)) }

// binOf is the bin of a spike at t: the same expression as the Python
// cross-check's, floor((t − from)/w), so both agree on every boundary.
func binOf(t, from, w float64) int { return int(math.Floor((t - from) / w)) }

// binCounts counts spike times in nb bins of width w from from.
func binCounts(ts []float64, from, w float64, nb int) []float64 {
	c := make([]float64, max(nb, 0))
	for _, t := range ts {
		if b := binOf(t, from, w); b < nb {
			c[b]++
		}
	}
	return c
}

// meanVar returns the mean and the variance (normalized by len(x)) of x.
func meanVar(x []float64) (mean, variance float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	for _, v := range x {
		variance += (v - mean) * (v - mean)
	}
	return mean, variance / float64(len(x))
}

// fano is the variance over the mean of the group's spike counts per bin.
func fano(c []float64) Float {
	if len(c) < 2 {
		return NaN
	}
	m, v := meanVar(c)
	if m == 0 {
		return NaN
	}
	return Float(v / m)
}
