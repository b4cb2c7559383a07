package analysis

import (
	"math"
	"slices"
)

// accum gathers the single-neuron statistics, one neuron at a time.
type accum struct {
	p                   Params
	windowS             float64
	rates               []float64
	isi                 []float64
	silent              int
	cvSum, lvSum        float64
	cvN, cvISIs         int
	burstSpikes, spikes int
	bursts              int
	chiVar              float64     // Σ over neurons of the variance of the filtered train
	nb                  int         // rate bins
	pow                 []float64   // pow[k] = decayᵏ, decay per rate bin of χ's filter
	welch               *welch      // the rate's spectrum, nil for fewer than 8 bins
	own                 *ownSpectra // Σ over neurons of their trains' periodograms
	spikeBins           []int       // one neuron's spikes' bins
}

func newAccum(p Params, spikes int) *accum {
	nb := bins(p, p.BinMs)
	pow := make([]float64, nb+1)
	decay := math.Exp(-p.BinMs / p.ChiTauMs)
	for k := range pow {
		pow[k] = math.Pow(decay, float64(k))
	}
	a := &accum{p: p, windowS: (p.ToMs - p.FromMs) / 1000, isi: make([]float64, 0, spikes), nb: nb, pow: pow}
	if a.welch = newWelch(nb, 1000/p.BinMs, p.WelchSegment); a.welch != nil {
		a.own = newOwnSpectra(a.welch)
	}
	return a
}

// neuron adds one neuron's spike times (in the window, in order).
func (a *accum) neuron(ts []float64) {
	a.rates = append(a.rates, float64(len(ts))/a.windowS)
	a.spikes += len(ts)
	if len(ts) == 0 {
		a.silent++
		return
	}
	first := len(a.isi)
	for k := 1; k < len(ts); k++ {
		a.isi = append(a.isi, ts[k]-ts[k-1])
	}
	if isi := a.isi[first:]; len(isi) >= 2 {
		a.cvSum += cv(isi)
		a.lvSum += lv(isi)
		a.cvN++
		a.cvISIs += len(isi)
	}
	maxISI := a.p.BurstMaxISIMs
	if len(ts) >= 2 {
		maxISI = math.Min(maxISI, a.p.BurstRelISI*(ts[len(ts)-1]-ts[0])/float64(len(ts)-1))
	}
	n, s := bursts(ts, maxISI, a.p.BurstMinSpikes)
	a.bursts += n
	a.burstSpikes += s
	a.chiVar += filteredVar(ts, a.p.FromMs, a.p.BinMs, a.pow)
	a.spectrum(ts)
}

// spectrum adds the periodograms of the neuron's train, binned as the
// population rate is, to own.
func (a *accum) spectrum(ts []float64) {
	if a.own == nil {
		return
	}
	a.spikeBins = a.spikeBins[:0]
	for _, t := range ts {
		b := binOf(t, a.p.FromMs, a.p.BinMs)
		if b >= a.nb {
			break
		}
		a.spikeBins = append(a.spikeBins, b)
	}
	a.own.add(a.spikeBins)
}

func (a *accum) finish(r *Result) {
	n := len(a.rates)
	r.MeanRateHz = Float(float64(a.spikes) / float64(n) / a.windowS)
	sorted := slices.Clone(a.rates)
	slices.Sort(sorted)
	r.MedianRateHz = Float((sorted[(n-1)/2] + sorted[n/2]) / 2)
	r.SilentFraction = Float(float64(a.silent) / float64(n))
	r.CVISI, r.LV, r.CVNeurons, r.CVIntervals = NaN, NaN, a.cvN, NaN
	if a.cvN > 0 {
		r.CVISI = Float(a.cvSum / float64(a.cvN))
		r.CVIntervals = Float(float64(a.cvISIs) / float64(a.cvN))
		r.LV = Float(a.lvSum / float64(a.cvN))
	}
	r.BurstFraction, r.Bursts = NaN, a.bursts
	if a.spikes > 0 {
		r.BurstFraction = Float(float64(a.burstSpikes) / float64(a.spikes))
	}
	r.Series.NeuronRate = a.rates
	r.Series.ISI = a.isi
}

// cv is the standard deviation (normalized by the count) of the intervals
// over their mean.
func cv(isi []float64) float64 {
	m, v := meanVar(isi)
	return math.Sqrt(v) / m
}

// lv is Shinomoto et al.'s (2003) local variation:
// 3/(n−1) Σ ((I_k − I_{k+1}) / (I_k + I_{k+1}))² over the n intervals.
func lv(isi []float64) float64 {
	s := 0.0
	for k := 0; k+1 < len(isi); k++ {
		d := (isi[k] - isi[k+1]) / (isi[k] + isi[k+1])
		s += d * d
	}
	return 3 * s / float64(len(isi)-1)
}

// bursts finds the runs of at least minSpikes spikes whose successive
// intervals are all at most maxISI, and returns their number and spikes.
func bursts(ts []float64, maxISI float64, minSpikes int) (n, spikes int) {
	run := 1
	end := func() {
		if run >= minSpikes {
			n++
			spikes += run
		}
		run = 1
	}
	for k := 1; k < len(ts); k++ {
		if ts[k]-ts[k-1] <= maxISI {
			run++
		} else {
			end()
		}
	}
	end()
	return n, spikes
}

// filteredVar is the variance over the nb = len(pow)−1 bins of the neuron's
// binned spike train filtered by x[b] = decay·x[b−1] + c[b], x[−1] = 0, where
// pow[k] = decayᵏ. Between two spikes x decays geometrically, so its sums are
// closed forms: the cost is per spike, not per bin.
func filteredVar(ts []float64, from, w float64, pow []float64) float64 {
	if len(pow) < 2 {
		return 0 // a window shorter than one bin
	}
	nb, decay := len(pow)-1, pow[1]
	var s1, s2, x float64
	at := -1                // the bin x belongs to
	flush := func(to int) { // add bins at … to−1, x being the value at bin at
		if at < 0 || to <= at {
			return
		}
		ak := pow[to-at]
		s1 += x * (1 - ak) / (1 - decay)
		s2 += x * x * (1 - ak*ak) / (1 - decay*decay)
		x *= ak
		at = to
	}
	for _, t := range ts {
		b := binOf(t, from, w)
		if b >= nb {
			break
		}
		if b != at {
			flush(b)
			at = b
		}
		x++
	}
	flush(nb)
	m := s1 / float64(nb)
	return math.Max(0, s2/float64(nb)-m*m)
}

// chi is the Golomb–Rinzel synchrony measure on the filtered spike trains:
// χ² = Var_t(X) / mean_i Var_t(x_i), where X = (1/n) Σ_i x_i is the filtered
// population count over n. It is in [0, 1]; NaN when no train varies.
func chi(counts []float64, sumVar float64, n int, p Params) Float {
	if len(counts) < 2 || sumVar <= 0 {
		return NaN
	}
	decay := math.Exp(-p.BinMs / p.ChiTauMs)
	x := make([]float64, len(counts))
	prev := 0.0
	for b, c := range counts {
		prev = decay*prev + c/float64(n)
		x[b] = prev
	}
	_, v := meanVar(x)
	return Float(math.Sqrt(math.Min(1, v/(sumVar/float64(n)))))
}
