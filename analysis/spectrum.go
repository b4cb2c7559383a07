package analysis

import (
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/dsp/fourier"
)

// welch accumulates the periodograms of Welch's method as
// scipy.signal.welch computes them by default: segments of seg samples
// overlapping by seg/2, each with its mean removed and multiplied by a
// periodic Hann window. One welch serves many series of the same length.
type welch struct {
	n, seg, step int
	fs, wss      float64
	w, buf       []float64
	coef         []complex128
	fft          *fourier.FFT
}

// newWelch returns the accumulator for series of n samples at fs (Hz) with
// segments of seg samples (all n if shorter); nil for fewer than 8 samples.
func newWelch(n int, fs float64, seg int) *welch {
	if n < 8 {
		return nil
	}
	seg = min(seg, n)
	e := &welch{n: n, seg: seg, step: seg - seg/2, fs: fs, w: make([]float64, seg), buf: make([]float64, seg),
		coef: make([]complex128, seg/2+1), fft: fourier.NewFFT(seg)}
	for i := range e.w {
		e.w[i] = 0.5 - 0.5*math.Cos(2*math.Pi*float64(i)/float64(seg))
		e.wss += e.w[i] * e.w[i]
	}
	return e
}

// segments is the number of segments a series is cut into.
func (e *welch) segments() int { return (e.n-e.seg)/e.step + 1 }

// add adds the periodograms of x's segments to sum (seg/2+1 values).
func (e *welch) add(sum, x []float64) {
	for start := 0; start+e.seg <= e.n; start += e.step {
		e.segment(sum, x[start:start+e.seg])
	}
}

// segment adds the periodogram of one segment x (seg values) to sum.
func (e *welch) segment(sum, x []float64) {
	m, _ := meanVar(x)
	for i := range e.buf {
		e.buf[i] = (x[i] - m) * e.w[i]
	}
	e.fft.Coefficients(e.coef, e.buf)
	for k, c := range e.coef {
		sum[k] += sq(c)
	}
}

// density turns a sum of periodograms (of one series, or summed over
// several) into a one-sided density (units of x² per Hz), doubled at every
// frequency but 0 and Nyquist, in place; it returns the frequencies.
func (e *welch) density(sum []float64) (freq []float64) {
	freq = make([]float64, len(sum))
	for k := range sum {
		sum[k] /= float64(e.segments()) * e.fs * e.wss
		if k > 0 && !(e.seg%2 == 0 && k == e.seg/2) {
			sum[k] *= 2
		}
		freq[k] = float64(k) * e.fs / float64(e.seg)
	}
	return freq
}

// ownSpectra sums the Welch periodograms of many spike trains, binned as
// the population rate is, without an FFT per train and segment. A
// segment's periodogram at frequency k is |Σ_b w(b)(c(b) − m) e^(−iω_k b)|²,
// ω_k = 2πk/seg, with w the Hann window and m the segment's mean count. The
// DFT of the periodic Hann window is zero but at k = 0 and ±1, so for k ≥ 2
// the mean drops out and the periodogram is Σ_{s,t} w_s w_t cos(ω_k(b_s −
// b_t)) over the segment's spikes s, t: a cosine transform of the window-
// weighted lags between spikes, which add accumulates over all trains and
// segments and density transforms once. k = 0 and 1 are corrected for the
// mean exactly, per segment. The cost is per pair of spikes in a segment,
// not per bin; a segment with more than denseSpikes spikes, whose pairs
// would cost more than its FFT, is transformed as Welch does (into dense).
type ownSpectra struct {
	e            *welch
	dense, x     []float64    // periodograms of the dense segments; one segment's counts
	lags         []float64    // lags[d]: Σ w_s w_t over pairs of spikes d bins apart (both orders)
	twiddle      []complex128 // e^(−2πi n/seg)
	w0, w1       complex128   // the window's DFT at k = 0 and 1
	corr0, corr1 float64      // Σ of |X − m·W|² − |X|² at k = 0 and 1
}

func newOwnSpectra(e *welch) *ownSpectra {
	o := &ownSpectra{e: e, lags: make([]float64, e.seg), twiddle: make([]complex128, e.seg),
		dense: make([]float64, e.seg/2+1), x: make([]float64, e.seg)}
	for n := range o.twiddle {
		o.twiddle[n] = cmplx.Rect(1, -2*math.Pi*float64(n)/float64(e.seg))
		o.w0 += complex(e.w[n], 0)
		o.w1 += complex(e.w[n], 0) * o.twiddle[n]
	}
	return o
}

// add adds the periodograms of one train, given by the bins of its spikes
// in order (a bin may repeat).
func (o *ownSpectra) add(bins []int) {
	e, lo := o.e, 0
	for start := 0; start+e.seg <= e.n && lo < len(bins); start += e.step {
		for lo < len(bins) && bins[lo] < start {
			lo++
		}
		hi := lo
		for hi < len(bins) && bins[hi] < start+e.seg {
			hi++
		}
		if hi == lo {
			continue
		}
		if hi-lo > denseSpikes {
			for _, b := range bins[lo:hi] {
				o.x[b-start]++
			}
			e.segment(o.dense, o.x)
			clear(o.x)
			continue
		}
		var x0, x1 complex128
		for s := lo; s < hi; s++ {
			ns := bins[s] - start
			ws := e.w[ns]
			o.lags[0] += ws * ws
			for t := s + 1; t < hi; t++ {
				o.lags[bins[t]-bins[s]] += 2 * ws * e.w[bins[t]-start]
			}
			x0 += complex(ws, 0)
			x1 += complex(ws, 0) * o.twiddle[ns]
		}
		m := complex(float64(hi-lo)/float64(e.seg), 0)
		o.corr0 += sq(x0-m*o.w0) - sq(x0)
		o.corr1 += sq(x1-m*o.w1) - sq(x1)
	}
}

// denseSpikes is the most spikes of a segment whose periodogram is summed
// from pairs: 64 spikes are 2 016 pairs, a 512-point FFT costs about as much.
const denseSpikes = 64

func sq(z complex128) float64 { return real(z)*real(z) + imag(z)*imag(z) }

// density returns the sum of the trains' densities (as welch.density
// scales them), one per frequency of the rate's spectrum.
func (o *ownSpectra) density() []float64 {
	coef := o.e.fft.Coefficients(nil, o.lags)
	sum := make([]float64, len(coef))
	for k, c := range coef {
		sum[k] = real(c)
	}
	sum[0] += o.corr0
	if len(sum) > 1 {
		sum[1] += o.corr1
	}
	for k, d := range o.dense {
		sum[k] += d
	}
	o.e.density(sum)
	return sum
}

// Welch estimates the one-sided power spectral density of x sampled at fs
// (Hz) by Welch's method as scipy.signal.welch computes it by default:
// segments of seg samples (all of x if shorter) overlapping by seg/2, each
// with its mean removed and multiplied by a periodic Hann window, the
// periodograms averaged, scaled to a density (units of x² per Hz) and
// doubled at every frequency but 0 and Nyquist. It returns the frequencies
// and the densities; nil for fewer than 8 samples.
func Welch(x []float64, fs float64, seg int) (freq, psd []float64) {
	e := newWelch(len(x), fs, seg)
	if e == nil {
		return nil, nil
	}
	psd = make([]float64, e.seg/2+1)
	e.add(psd, x)
	return e.density(psd), psd
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

// spectralChi is χ resolved in frequency: with S_X the density of the
// population count X = Σ_i x_i and Σ_i S_i the sum of the neurons' own
// densities (sumInd), ρ(f) = S_X(f) / (n Σ_i S_i(f)) is the share of the
// neurons' power at f that they have in common: 1/n for independent trains
// at every f, whatever each train's own spectrum (regular trains included),
// 1 for identical ones. Both densities are summed over three bins, the width
// of a tone under the Hann window. spectralChi returns √ρ at the frequency
// where ρ is largest, and that frequency; NaN when no neuron's train varies.
func spectralChi(freq, popCount, sumInd []float64, n int) (chi, hz Float) {
	chi, hz = NaN, NaN
	best := -1.0
	for k := 1; k < len(freq); k++ {
		var num, den float64
		for j := max(1, k-1); j <= min(len(freq)-1, k+1); j++ {
			num += popCount[j]
			den += sumInd[j]
		}
		if den > 0 && num/den > best {
			best, hz = num/den, Float(freq[k])
		}
	}
	if best >= 0 {
		chi = Float(math.Sqrt(math.Min(1, best/float64(n))))
	}
	return chi, hz
}

// segmentChi is χ computed from the spectra: with |H(f)|² = 1/(1 − 2d
// cos 2πfw + d²) the power gain of χ's filter (x[b] = d·x[b−1] + c[b],
// d = e^(−w/τ), bins of w), χ² = Σ_f |H|² S_X / (n Σ_f |H|² Σ_i S_i) over
// the frequencies above 0. It is χ without what the spectra leave out, each
// Welch segment's mean: a drift of the rate slower than a segment does not
// count as synchrony (the E–I network firing tonically at 480 Hz has
// χ = 0.40 from such a drift, and a segment χ of 0.02). NaN when no
// neuron's train varies.
func segmentChi(freq, popCount, sumInd []float64, n int, binMs, tauMs float64) Float {
	d := math.Exp(-binMs / tauMs)
	var num, den float64
	for k := 1; k < len(freq); k++ {
		h := 1 / (1 - 2*d*math.Cos(2*math.Pi*freq[k]*binMs/1000) + d*d)
		num += h * popCount[k]
		den += h * sumInd[k]
	}
	if !(den > 0) {
		return NaN
	}
	return Float(math.Sqrt(math.Min(1, num/den/float64(n))))
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
