package analysis

import (
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/dsp/fourier"
)

// Welch estimates the one-sided power spectral density of x sampled at fs
// (Hz) by Welch's method as scipy.signal.welch computes it by default:
// segments of seg samples (all of x if shorter) overlapping by seg/2, each
// with its mean removed and multiplied by a periodic Hann window, the
// periodograms averaged, scaled to a density (units of x² per Hz) and
// doubled at every frequency but 0 and Nyquist. It returns the frequencies
// and the densities; nil for fewer than 8 samples.
func Welch(x []float64, fs float64, seg int) (freq, psd []float64) {
	n := len(x)
	if n < 8 {
		return nil, nil
	}
	seg = min(seg, n)
	step := seg - seg/2
	w := make([]float64, seg)
	wss := 0.0
	for i := range w {
		w[i] = 0.5 - 0.5*math.Cos(2*math.Pi*float64(i)/float64(seg))
		wss += w[i] * w[i]
	}
	fft := fourier.NewFFT(seg)
	buf := make([]float64, seg)
	coef := make([]complex128, seg/2+1)
	psd = make([]float64, seg/2+1)
	segs := 0
	for start := 0; start+seg <= n; start += step {
		m, _ := meanVar(x[start : start+seg])
		for i := range buf {
			buf[i] = (x[start+i] - m) * w[i]
		}
		fft.Coefficients(coef, buf)
		for k, c := range coef {
			a := cmplx.Abs(c)
			psd[k] += a * a
		}
		segs++
	}
	freq = make([]float64, len(psd))
	for k := range psd {
		psd[k] /= float64(segs) * fs * wss
		if k > 0 && !(seg%2 == 0 && k == seg/2) {
			psd[k] *= 2
		}
		freq[k] = float64(k) * fs / float64(seg)
	}
	return freq, psd
}

// peak returns the frequency of the largest density above DC and the
// fraction of the power above DC in that bin and its two neighbours (a Hann
// window spreads a pure tone over three bins). Both are NaN for a flat rate.
func peak(freq, psd []float64) (hz, rel Float) {
	if len(psd) < 3 {
		return NaN, NaN
	}
	k, total := 1, 0.0
	for i := 1; i < len(psd); i++ {
		total += psd[i]
		if psd[i] > psd[k] {
			k = i
		}
	}
	if !(total > 0) {
		return NaN, NaN
	}
	near := psd[k]
	if k > 1 {
		near += psd[k-1]
	}
	if k+1 < len(psd) {
		near += psd[k+1]
	}
	return Float(freq[k]), Float(near / total)
}

// popBursts counts network events: maximal runs of rate bins whose spike
// count c exceeds θ = max(F·μ, μ + Z·√μ), μ the mean count per bin; it
// returns events per second of the window.
func popBursts(counts []float64, p Params) Float {
	if len(counts) == 0 {
		return NaN
	}
	mu, _ := meanVar(counts)
	theta := math.Max(p.PopBurstFactor*mu, mu+p.PopBurstZ*math.Sqrt(mu))
	events, above := 0, false
	for _, c := range counts {
		if c > theta && !above {
			events++
		}
		above = c > theta
	}
	return Float(float64(events) / (float64(len(counts)) * p.BinMs / 1000))
}
