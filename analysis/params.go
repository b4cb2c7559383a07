package analysis

import (
	"fmt"
	"math"
	"strconv"
)

// Params are every choice the analysis makes. DefaultParams gives the ones
// documented in docs/analysis.md; summary.json records them all, so that
// every number can be recomputed from spikes.csv.
type Params struct {
	// FromMs and ToMs bound the analysis window [FromMs, ToMs): spikes
	// outside it are ignored, and rates are per (ToMs − FromMs).
	FromMs float64 `json:"from_ms"`
	ToMs   float64 `json:"to_ms"`

	// BinMs is the bin of the population rate: its power spectrum, the
	// population bursts and the filtered trains of χ are sampled on it.
	BinMs float64 `json:"bin_ms"`
	// CountBinMs is the bin of the spike counts of the Fano factor and of
	// the pairwise correlations.
	CountBinMs float64 `json:"count_bin_ms"`
	// ChiTauMs is the time constant of the exponential filter applied to
	// each neuron's binned spike train before χ is computed.
	ChiTauMs float64 `json:"chi_tau_ms"`
	// WelchSegment is the length, in bins, of the Welch segments (Hann
	// window, half overlap); shorter windows use one segment of their length.
	WelchSegment int `json:"welch_segment_bins"`
	// MaxPairs bounds the pairs of the pairwise correlation: all pairs of
	// active neurons when there are at most MaxPairs, else MaxPairs distinct
	// pairs drawn with PairSeed.
	MaxPairs int    `json:"max_pairs"`
	PairSeed uint64 `json:"pair_seed"`
	// A burst is a run of at least BurstMinSpikes spikes of one neuron whose
	// successive intervals are all at most BurstMaxISIMs and at most
	// BurstRelISI × the neuron's mean interval (so that tonic firing above
	// 1/BurstMaxISIMs is not counted as bursting).
	BurstMaxISIMs  float64 `json:"burst_max_isi_ms"`
	BurstRelISI    float64 `json:"burst_rel_isi"`
	BurstMinSpikes int     `json:"burst_min_spikes"`
	// A population burst is a run of rate bins whose count exceeds both
	// PopBurstFactor × the mean count and the mean + PopBurstZ × √mean
	// (PopBurstZ Poisson standard deviations).
	PopBurstFactor float64 `json:"pop_burst_factor"`
	PopBurstZ      float64 `json:"pop_burst_z"`
	// Regime thresholds (see Regime).
	SilentRateHz    float64 `json:"silent_rate_hz"`
	SaturatedRateHz float64 `json:"saturated_rate_hz"`
	SyncChi         float64 `json:"sync_chi"`
	SyncSpectralChi float64 `json:"sync_spectral_chi"`
	SyncNullFactor  float64 `json:"sync_null_factor"`
	RegularCV       float64 `json:"regular_cv"`
	RegularMinISIs  float64 `json:"regular_min_isis"`
}

// DefaultParams returns the documented defaults for the window [fromMs, toMs).
func DefaultParams(fromMs, toMs float64) Params {
	return Params{
		FromMs: fromMs, ToMs: toMs,
		BinMs: 0.5, CountBinMs: 5, ChiTauMs: 5, WelchSegment: 512,
		MaxPairs: 500, PairSeed: 1,
		BurstMaxISIMs: 4, BurstRelISI: 0.5, BurstMinSpikes: 3,
		PopBurstFactor: 3, PopBurstZ: 5,
		SilentRateHz: 0.1, SaturatedRateHz: 300, SyncChi: 0.2, SyncSpectralChi: 0.5, SyncNullFactor: 3,
		RegularCV: 0.3, RegularMinISIs: 5,
	}
}

// DefaultFrom is the default start of the analysis window of a run of
// durationMs: half the run, at most 200 ms, which skips the onset transient
// of a network started from arbitrary initial states (the E–I network's
// onset volley and its aftermath last about 60 ms).
func DefaultFrom(durationMs float64) float64 { return math.Min(durationMs/2, 200) }

func (p Params) check() error {
	pos := func(name string, v float64) error {
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("analysis: %s must be positive and finite, not %s", name, strconv.FormatFloat(v, 'g', -1, 64))
		}
		return nil
	}
	if !(p.ToMs > p.FromMs) || math.IsInf(p.ToMs-p.FromMs, 0) {
		return fmt.Errorf("analysis: empty window [%g, %g) ms", p.FromMs, p.ToMs)
	}
	for _, c := range []struct {
		name string
		v    float64
	}{{"BinMs", p.BinMs}, {"CountBinMs", p.CountBinMs}, {"ChiTauMs", p.ChiTauMs}, {"BurstMaxISIMs", p.BurstMaxISIMs}, {"BurstRelISI", p.BurstRelISI}, {"PopBurstFactor", p.PopBurstFactor}} {
		if err := pos(c.name, c.v); err != nil {
			return err
		}
	}
	if p.WelchSegment < 8 || p.MaxPairs < 1 || p.BurstMinSpikes < 2 {
		return fmt.Errorf("analysis: WelchSegment must be at least 8, MaxPairs at least 1, BurstMinSpikes at least 2")
	}
	return nil
}
