package analysis

import "math"

// The regimes of Brunel (2000), J. Comput. Neurosci. 8:183–208, and the two
// ends of the rate range.
const (
	Silent    = "silent"    // mean rate below SilentRateHz
	Saturated = "saturated" // asynchronous, mean rate at or above SaturatedRateHz
	AI        = "AI"        // asynchronous irregular
	AR        = "AR"        // asynchronous regular
	SI        = "SI"        // synchronous irregular
	SR        = "SR"        // synchronous regular
)

// Regime labels r by p's thresholds (docs/analysis.md, "Regime").
//
// A group is silent below SilentRateHz. It is synchronous when its spikes
// coincide (segment χ ≥ SyncChi; the classic χ also counts slow drift) or
// when its neurons share an oscillation (spectral χ ≥ SyncSpectralChi);
// either must also reach SyncNullFactor/√n,
// a few times what n independent trains give, so that a small group is not
// called synchronous by chance. An asynchronous group at or above
// SaturatedRateHz is saturated. Otherwise it is regular when its mean CV
// ISI < RegularCV, resting on at least RegularMinISIs intervals per neuron
// on average: a CV of few intervals is biased low (two intervals of a
// Poisson train give 0.5 on average), so regularity is not claimed from
// them. A group whose CV is undefined counts as irregular; one whose
// segment and spectral χ are undefined counts as asynchronous.
func Regime(r Result, p Params) string {
	rate := float64(r.MeanRateHz)
	if !(rate >= p.SilentRateHz) {
		return Silent
	}
	floor := p.SyncNullFactor / math.Sqrt(float64(r.Neurons))
	reaches := func(x Float, threshold float64) bool {
		return x.Defined() && float64(x) >= math.Max(threshold, floor)
	}
	sync := reaches(r.SegmentChi, p.SyncChi) || reaches(r.SpectralChi, p.SyncSpectralChi)
	regular := r.CVISI.Defined() && float64(r.CVISI) < p.RegularCV && float64(r.CVIntervals) >= p.RegularMinISIs
	switch {
	case sync && regular:
		return SR
	case sync:
		return SI
	case rate >= p.SaturatedRateHz:
		return Saturated
	case regular:
		return AR
	}
	return AI
}
