package validation

import (
	"math"
	"slices"
)

// netStats are the statistics of a raster over a window of steps [from, to)
// of dt ms, for a network whose neurons [0, nE) are excitatory and [nE, n)
// inhibitory.
type netStats struct {
	RateE, RateI float64 // mean firing rate (Hz) of the E and I neurons
	CVISI        float64 // mean over neurons with at least 3 spikes (2 ISIs) of std(ISI)/mean(ISI)
	CVNeurons    int     // how many neurons entered CVISI
	PopCV        float64 // std/mean of the population spike count in 1 ms bins (all neurons)
	Fano         float64 // mean over neurons with at least one spike of var/mean of their spike counts in 100 ms windows
	Spikes       int
}

// statNames and values list netStats' compared fields in a fixed order.
var statNames = []string{"rate E (Hz)", "rate I (Hz)", "CV of ISI", "population-rate CV (1 ms)", "Fano factor (100 ms)"}

func (s netStats) values() []float64 {
	return []float64{s.RateE, s.RateI, s.CVISI, s.PopCV, s.Fano}
}

func computeStats(sp []spike, nE, n, from, to int, dt float64) netStats {
	var st netStats
	perNeuron := make([][]int, n)
	binSteps := int(math.Round(1 / dt))   // 1 ms
	winSteps := int(math.Round(100 / dt)) // 100 ms
	bins := make([]float64, (to-from)/binSteps)
	windows := (to - from) / winSteps
	counts := make([][]float64, n)
	var nSpE, nSpI int
	for _, x := range sp {
		if x.step < from || x.step >= to {
			continue
		}
		st.Spikes++
		if x.neuron < nE {
			nSpE++
		} else {
			nSpI++
		}
		perNeuron[x.neuron] = append(perNeuron[x.neuron], x.step)
		if b := (x.step - from) / binSteps; b < len(bins) {
			bins[b]++
		}
		if w := (x.step - from) / winSteps; w < windows {
			if counts[x.neuron] == nil {
				counts[x.neuron] = make([]float64, windows)
			}
			counts[x.neuron][w]++
		}
	}
	seconds := float64(to-from) * dt / 1000
	st.RateE = float64(nSpE) / float64(nE) / seconds
	if n > nE {
		st.RateI = float64(nSpI) / float64(n-nE) / seconds
	}
	var cvSum float64
	for _, steps := range perNeuron {
		if len(steps) < 3 {
			continue
		}
		slices.Sort(steps)
		isi := make([]float64, len(steps)-1)
		for k := range isi {
			isi[k] = float64(steps[k+1]-steps[k]) * dt
		}
		m, sd := meanStd(isi, 0)
		cvSum += sd / m
		st.CVNeurons++
	}
	if st.CVNeurons > 0 {
		st.CVISI = cvSum / float64(st.CVNeurons)
	}
	m, sd := meanStd(bins, 0)
	st.PopCV = sd / m
	var fano float64
	var fanoN int
	for _, c := range counts {
		if c == nil {
			continue
		}
		m, sd := meanStd(c, 0)
		fano += sd * sd / m
		fanoN++
	}
	if fanoN > 0 {
		st.Fano = fano / float64(fanoN)
	}
	return st
}

// meanStd returns the mean and the standard deviation of x with ddof
// degrees of freedom removed (0: population, 1: sample).
func meanStd(x []float64, ddof int) (float64, float64) {
	var s float64
	for _, v := range x {
		s += v
	}
	m := s / float64(len(x))
	var ss float64
	for _, v := range x {
		ss += (v - m) * (v - m)
	}
	if len(x)-ddof <= 0 {
		return m, 0
	}
	return m, math.Sqrt(ss / float64(len(x)-ddof))
}
