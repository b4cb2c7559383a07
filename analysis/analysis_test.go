package analysis

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
)

// merge sorts per-neuron spike times (ms) into one spike array.
func merge(trains [][]float64) Spikes {
	var s Spikes
	for i, ts := range trains {
		for _, t := range ts {
			s.Neuron = append(s.Neuron, int32(i))
			s.T = append(s.T, t)
		}
	}
	idx := make([]int, len(s.T))
	for k := range idx {
		idx[k] = k
	}
	sort.SliceStable(idx, func(a, b int) bool { return s.T[idx[a]] < s.T[idx[b]] })
	out := Spikes{Neuron: make([]int32, len(idx)), T: make([]float64, len(idx))}
	for k, j := range idx {
		out.Neuron[k], out.T[k] = s.Neuron[j], s.T[j]
	}
	return out
}

// poisson returns a Poisson train of rate hz over [0, durMs).
func poisson(rng *rand.Rand, hz, durMs float64) []float64 {
	var ts []float64
	for t := rng.ExpFloat64() * 1000 / hz; t < durMs; t += rng.ExpFloat64() * 1000 / hz {
		ts = append(ts, t)
	}
	return ts
}

func analyzeTrains(t *testing.T, trains [][]float64, durMs float64) Result {
	t.Helper()
	r, err := Analyze(merge(trains), 0, len(trains), DefaultParams(0, durMs))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func near(t *testing.T, name string, got Float, want, tol float64) {
	t.Helper()
	if !(math.Abs(float64(got)-want) <= tol) {
		t.Errorf("%s = %v, want %v ± %v", name, got, want, tol)
	}
}

// Independent Poisson trains: 200 neurons at 20 Hz for 20 s. The tolerances
// are several standard errors of each estimate: CV and LV of 400-interval
// trains (±0.05 each, averaged over 200 neurons), the Fano factor of 4000
// counts (standard error √(2/4000) = 0.022), χ of independent trains
// (1/√n = 0.071 in expectation), the mean of 500 correlations of 4000
// counts (standard error 0.0007).
func TestPoisson(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n, hz, dur = 200, 20.0, 20000.0
	trains := make([][]float64, n)
	for i := range trains {
		trains[i] = poisson(rng, hz, dur)
	}
	r := analyzeTrains(t, trains, dur)
	near(t, "mean rate", r.MeanRateHz, hz, 0.3)
	near(t, "median rate", r.MedianRateHz, hz, 0.5)
	near(t, "silent fraction", r.SilentFraction, 0, 0)
	near(t, "CV ISI", r.CVISI, 1, 0.02)
	near(t, "LV", r.LV, 1, 0.02)
	near(t, "Fano factor", r.FanoFactor, 1, 0.1)
	near(t, "χ", r.SynchronyChi, 1/math.Sqrt(n), 0.02)
	near(t, "pairwise correlation", r.PairwiseCorr, 0, 0.005)
	if r.Pairs != 500 {
		t.Errorf("%d pairs, want 500", r.Pairs)
	}
	if r.PSDPeakRel > 0.1 {
		t.Errorf("a flat spectrum has a peak with %.3f of the power", r.PSDPeakRel)
	}
	// The spectral χ of independent trains is 1/√n at every frequency; its
	// largest of 256 noisy estimates (77 segments) stays within 1.5/√n.
	if float64(r.SpectralChi) > 1.5/math.Sqrt(n) {
		t.Errorf("spectral χ of independent trains = %.3f, want ≤ 1.5/√n = %.3f", r.SpectralChi, 1.5/math.Sqrt(n))
	}
	// P(interval ≤ 4 ms) = 1 − e^−0.08 ≈ 0.077; bursts need two in a row.
	near(t, "burst fraction", r.BurstFraction, 0.018, 0.01)
	// Four spikes per bin on average: a count above 14 (p ≈ 1e-4 per bin)
	// is a false event, 0.1 per second.
	near(t, "population burst rate", r.PopBurstRateHz, 0, 0.3)
	if r.Regime != AI {
		t.Errorf("regime %s, want AI", r.Regime)
	}
}

// Identical trains: χ = 1, every correlation 1.
func TestSynchronous(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const dur = 5000.0
	ts := poisson(rng, 10, dur)
	trains := make([][]float64, 50)
	for i := range trains {
		trains[i] = ts
	}
	r := analyzeTrains(t, trains, dur)
	near(t, "χ", r.SynchronyChi, 1, 1e-9)
	near(t, "spectral χ", r.SpectralChi, 1, 1e-9)
	near(t, "pairwise correlation", r.PairwiseCorr, 1, 1e-9)
	// Every bin holds 50 × Poisson counts: Fano = 50.
	near(t, "Fano factor", r.FanoFactor, 50, 8)
	// Each spike is an event of all 50 neurons.
	near(t, "population burst rate", r.PopBurstRateHz, float64(len(ts))/5, 1)
	if r.Regime != SI {
		t.Errorf("regime %s, want SI", r.Regime)
	}
}

// A shared fast oscillation that single neurons follow irregularly, as in
// Brunel's SI fast state: 500 Poisson neurons whose common rate is
// 50·(1 + 0.9 sin 2π·180 Hz·t) Hz. Each fires on about one cycle in four,
// and χ's 5 ms filter smooths a 5.6 ms period away, so χ stays low; the
// spectral χ finds the oscillation the neurons share: in the three bins
// (3.9 Hz each) around 180 Hz the common modulation carries (45 Hz)²/2 =
// 1012 Hz², each train's own noise its one-sided density 2ν = 100 Hz²/Hz
// over 11.7 Hz, so ρ ≈ 1012/(1012 + 1172) and √ρ ≈ 0.68.
func TestSharedOscillation(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	const n, dur, hz, f, depth = 500, 4000.0, 50.0, 180.0, 0.9
	trains := make([][]float64, n)
	for i := range trains {
		// Thinning: candidates at the peak rate, kept with λ(t)/λmax.
		for _, c := range poisson(rng, hz*(1+depth), dur) {
			if rng.Float64()*(1+depth) < 1+depth*math.Sin(2*math.Pi*f*c/1000) {
				trains[i] = append(trains[i], c)
			}
		}
	}
	r := analyzeTrains(t, trains, dur)
	near(t, "mean rate", r.MeanRateHz, hz, 1)
	near(t, "CV ISI", r.CVISI, 1, 0.1)
	// Below SyncChi: the regime finds the oscillation by the spectral χ.
	if r.SynchronyChi >= 0.2 || r.SegmentChi >= 0.2 {
		t.Errorf("χ = %.3f, segment χ = %.3f, want both < 0.2 (the 5 ms filter damps 180 Hz)", r.SynchronyChi, r.SegmentChi)
	}
	near(t, "spectral χ", r.SpectralChi, 0.68, 0.04)
	near(t, "spectral χ frequency", r.SpectralChiHz, f, 2000.0/512)
	if r.Regime != SI {
		t.Errorf("regime %s, want SI", r.Regime)
	}
}

// Independent regular trains at one rate with random phases: each train's
// own spectrum has lines at 40 Hz and its harmonics, but the neurons share
// none of that power, so the spectral χ stays near 1/√n and the group is
// asynchronous regular.
func TestRegularIndependent(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	const n, dur = 400, 4000.0
	r := analyzeTrains(t, periodic(n, 25, dur, func(int) float64 { return 25 * rng.Float64() }), dur)
	near(t, "CV ISI", r.CVISI, 0, 1e-9)
	if float64(r.SpectralChi) > 3/math.Sqrt(n) || float64(r.SynchronyChi) > 3/math.Sqrt(n) {
		t.Errorf("χ = %.3f, spectral χ = %.3f, want both ≤ 3/√n = %.3f", r.SynchronyChi, r.SpectralChi, 3/math.Sqrt(n))
	}
	if r.Regime != AR {
		t.Errorf("regime %s, want AR", r.Regime)
	}
}

// A small group is not synchronous by chance: four independent Poisson
// trains have segment and spectral χ near or above 1/√4 = 0.5, above
// SyncChi and SyncSpectralChi, but not above 3/√4.
func TestSmallGroup(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	const dur = 2000.0
	trains := make([][]float64, 4)
	for i := range trains {
		trains[i] = poisson(rng, 20, dur)
	}
	r := analyzeTrains(t, trains, dur)
	// Both measures the regime reads pass their own thresholds: only the
	// floor keeps the group asynchronous.
	p := DefaultParams(0, dur)
	if !(float64(r.SegmentChi) > p.SyncChi) || !(float64(r.SpectralChi) > p.SyncSpectralChi) {
		t.Errorf("segment χ %.3f, spectral χ %.3f of 4 trains; this test wants them above %g and %g", r.SegmentChi, r.SpectralChi, p.SyncChi, p.SyncSpectralChi)
	}
	if r.Regime != AI {
		t.Errorf("regime %s, want AI", r.Regime)
	}
}

// periodic returns n trains firing every periodMs, each with its phase
// from phase(i).
func periodic(n int, periodMs, durMs float64, phase func(i int) float64) [][]float64 {
	trains := make([][]float64, n)
	for i := range trains {
		for t := phase(i); t < durMs; t += periodMs {
			trains[i] = append(trains[i], t)
		}
	}
	return trains
}

// Periodic trains at 40 Hz with phases jittered by 3 ms: CV = LV = 0, the
// population rate oscillates at 40 Hz (the Gaussian jitter damps the
// harmonics of the spike comb), and the network is synchronous regular.
func TestPeriodicSynchronous(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const dur = 10000.0
	r := analyzeTrains(t, periodic(100, 25, dur, func(int) float64 { return 10 + 3*rng.NormFloat64() }), dur)
	near(t, "CV ISI", r.CVISI, 0, 1e-9)
	near(t, "LV", r.LV, 0, 1e-9)
	near(t, "mean rate", r.MeanRateHz, 40, 0.1)
	near(t, "PSD peak", r.PSDPeakHz, 40, 2000.0/512/2) // within half a frequency bin
	if r.PSDPeakRel < 0.3 {
		t.Errorf("peak holds %.2f of the power, want ≥ 0.3", r.PSDPeakRel)
	}
	if r.SynchronyChi < 0.5 {
		t.Errorf("χ = %.3f, want ≥ 0.5", r.SynchronyChi)
	}
	near(t, "burst fraction", r.BurstFraction, 0, 0)
	if r.Regime != SR {
		t.Errorf("regime %s, want SR", r.Regime)
	}
}

// Periodic trains with uniformly spread phases: regular but asynchronous.
func TestPeriodicAsynchronous(t *testing.T) {
	const n, dur = 250, 5000.0
	r := analyzeTrains(t, periodic(n, 25, dur, func(i int) float64 { return 25 * float64(i) / n }), dur)
	near(t, "CV ISI", r.CVISI, 0, 1e-9)
	if r.SynchronyChi > 0.1 {
		t.Errorf("χ = %.3f, want < 0.1", r.SynchronyChi)
	}
	if r.Regime != AR {
		t.Errorf("regime %s, want AR", r.Regime)
	}
	// Three spikes per neuron are too few to call the firing regular.
	r = analyzeTrains(t, periodic(n, 25, 75, func(i int) float64 { return 25 * float64(i) / n }), 75)
	near(t, "CV ISI", r.CVISI, 0, 1e-9)
	near(t, "intervals per neuron", r.CVIntervals, 2, 0)
	if r.Regime != AI {
		t.Errorf("3 spikes per neuron: regime %s, want AI", r.Regime)
	}
	// 400 Hz firing is saturated.
	r = analyzeTrains(t, periodic(n, 2.5, dur, func(i int) float64 { return 2.5 * float64(i) / n }), dur)
	if r.Regime != Saturated {
		t.Errorf("400 Hz: regime %s, want saturated", r.Regime)
	}
}

// One neuron with 10 bursts of 4 spikes 2 ms apart, 10 doublets 2 ms apart
// (too short to be bursts) and 20 isolated spikes: 40 of 80 spikes in 10
// bursts.
func TestBursts(t *testing.T) {
	var ts []float64
	for k := range 10 {
		b := 100 * float64(k)
		ts = append(ts, b+10, b+12, b+14, b+16, b+40, b+42, b+70, b+90)
	}
	ts = append(ts, 1200, 1300, 1400, 1500, 1600, 1700, 1800, 1900, 1950, 1990)
	r := analyzeTrains(t, [][]float64{ts}, 2000)
	if r.Bursts != 10 {
		t.Errorf("%d bursts, want 10", r.Bursts)
	}
	near(t, "burst fraction", r.BurstFraction, 40.0/90, 1e-12)
}

// 400 neurons fire as Poisson trains at 5 Hz and, 30 times in 3 s, half of
// them in the same millisecond: 10 population bursts per second.
func TestPopulationBursts(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	const n, dur = 400, 3000.0
	trains := make([][]float64, n)
	for i := range trains {
		trains[i] = poisson(rng, 5, dur)
	}
	for e := range 30 {
		at := 50 + 100*float64(e) + 0.5
		for i := 0; i < n; i += 2 {
			trains[i] = append(trains[i], at)
			slices.Sort(trains[i])
		}
	}
	r := analyzeTrains(t, trains, dur)
	near(t, "population burst rate", r.PopBurstRateHz, 10, 0)
}

// No spike: silent, and every undefined number is null in JSON.
func TestSilent(t *testing.T) {
	r := analyzeTrains(t, make([][]float64, 10), 1000)
	if r.Regime != Silent {
		t.Errorf("regime %s, want silent", r.Regime)
	}
	near(t, "silent fraction", r.SilentFraction, 1, 0)
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"cv_isi", "lv", "fano_factor", "synchrony_chi", "pairwise_corr", "psd_peak_hz", "burst_fraction"} {
		if !strings.Contains(string(b), `"`+key+`":null`) {
			t.Errorf("%s is not null in %s", key, b)
		}
	}
	var back Result
	if err := json.Unmarshal(b, &back); err != nil || back.CVISI.Defined() || back.MeanRateHz != 0 {
		t.Errorf("round trip: %v, %+v", err, back)
	}
}

// AnalyzeGroups gives each group what Analyze gives it alone.
func TestAnalyzeGroups(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	trains := make([][]float64, 60)
	for i := range trains {
		trains[i] = poisson(rng, 5+float64(i), 3000)
	}
	s := merge(trains)
	p := DefaultParams(500, 3000)
	groups := []Group{{0, 60}, {10, 40}, {50, 10}}
	rs, err := AnalyzeGroups(s, groups, p)
	if err != nil {
		t.Fatal(err)
	}
	for i, g := range groups {
		alone, err := Analyze(s, g.First, g.N, p)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(alone)
		b, _ := json.Marshal(rs[i])
		if string(a) != string(b) {
			t.Errorf("group %+v: together %s, alone %s", g, b, a)
		}
	}
}

// A window shorter than a bin leaves the binned measures undefined.
func TestShortWindow(t *testing.T) {
	r, err := Analyze(Spikes{Neuron: []int32{0, 1}, T: []float64{0.1, 0.2}}, 0, 2, DefaultParams(0, 0.3))
	if err != nil {
		t.Fatal(err)
	}
	if r.SynchronyChi.Defined() || r.FanoFactor.Defined() || r.PSDPeakHz.Defined() || r.PairwiseCorr.Defined() {
		t.Errorf("binned measures of a 0.3 ms window: %+v", r)
	}
}

// The window and the group select spikes: neurons outside first … first+n−1
// and spikes outside [from, to) are ignored.
func TestWindowAndGroup(t *testing.T) {
	s := Spikes{Neuron: []int32{5, 6, 7, 6, 5, 6}, T: []float64{1, 2, 3, 10, 11, 20}}
	p := DefaultParams(2, 20)
	r, err := Analyze(s, 6, 2, p)
	if err != nil {
		t.Fatal(err)
	}
	if r.Spikes != 3 || r.Neurons != 2 {
		t.Errorf("%d spikes of %d neurons, want 3 of 2", r.Spikes, r.Neurons)
	}
	near(t, "mean rate", r.MeanRateHz, 3.0/2/0.018, 1e-9)
}

// A sine of amplitude A has power A²/2: the Welch density integrates to it.
func TestWelchSine(t *testing.T) {
	const fs, f, a = 1000.0, 62.5, 3.0
	x := make([]float64, 4096)
	for i := range x {
		x[i] = 10 + a*math.Sin(2*math.Pi*f*float64(i)/fs)
	}
	freq, psd := Welch(x, fs, 256)
	total := 0.0
	for _, p := range psd {
		total += p * (freq[1] - freq[0])
	}
	near(t, "power", Float(total), a*a/2, 0.01*a*a/2)
	hz, rel := peak(freq, psd)
	near(t, "peak", hz, f, 0)
	near(t, "relative peak power", rel, 1, 1e-6)
}

func TestErrors(t *testing.T) {
	p := DefaultParams(0, 100)
	for _, c := range []struct {
		s    Spikes
		p    func(*Params)
		want string
	}{
		{Spikes{Neuron: []int32{0, 0}, T: []float64{5, 4}}, func(*Params) {}, "comes after"},
		{Spikes{Neuron: []int32{0}}, func(*Params) {}, "0 times for 1 neuron"},
		{Spikes{}, func(p *Params) { p.ToMs = 0 }, "empty window"},
		{Spikes{}, func(p *Params) { p.BinMs = math.NaN() }, "BinMs must be positive"},
		{Spikes{}, func(p *Params) { p.WelchSegment = 2 }, "WelchSegment"},
	} {
		q := p
		c.p(&q)
		if _, err := Analyze(c.s, 0, 1, q); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", err, c.want)
		}
	}
}

// BenchmarkAnalyze analyzes 10 s of 4000 neurons at 40 Hz (1.6 million
// spikes), the size of a 10 s run of the E–I network.
func BenchmarkAnalyze(b *testing.B) {
	rng := rand.New(rand.NewPCG(9, 10))
	trains := make([][]float64, 4000)
	for i := range trains {
		trains[i] = poisson(rng, 40, 10000)
	}
	s := merge(trains)
	p := DefaultParams(200, 10000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Analyze(s, 0, len(trains), p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(s.T)), "spikes")
}

// ownSpectra's lag sums give what an FFT of every train's every segment
// gives (the way Welch computes the rate's spectrum), at every frequency
// including 0 and 1, where each segment's mean is removed: random sparse
// trains, dense ones (more than denseSpikes in a segment, which take the
// FFT path), bins that repeat, and a length that leaves a partial last
// segment.
func TestOwnSpectra(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for _, c := range []struct{ n, seg, trains, spikes int }{{1000, 128, 30, 40}, {777, 256, 10, 300}, {64, 64, 5, 3}, {300, 512, 4, 20}, {2000, 256, 6, 3000}} {
		e := newWelch(c.n, 2000, c.seg)
		o := newOwnSpectra(e)
		want := make([]float64, e.seg/2+1)
		x := make([]float64, c.n)
		for range c.trains {
			bins := make([]int, rng.IntN(c.spikes+1))
			for k := range bins {
				bins[k] = rng.IntN(c.n)
			}
			slices.Sort(bins)
			clear(x)
			for _, b := range bins {
				x[b]++
			}
			e.add(want, x)
			o.add(bins)
		}
		e.density(want)
		got := o.density()
		for k := range want {
			if d := math.Abs(got[k] - want[k]); d > 1e-12*math.Max(1, math.Abs(want[k])) {
				t.Errorf("n %d, seg %d: frequency %d: lag sums %.15g, FFTs %.15g", c.n, c.seg, k, got[k], want[k])
			}
		}
	}
}
