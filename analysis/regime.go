package analysis

// The regimes of Brunel (2000), J. Comput. Neurosci. 8:183–208, and the two
// ends of the rate range.
const (
	Silent    = "silent"    // mean rate below SilentRateHz
	Saturated = "saturated" // mean rate at or above SaturatedRateHz
	AI        = "AI"        // asynchronous irregular
	AR        = "AR"        // asynchronous regular
	SI        = "SI"        // synchronous irregular
	SR        = "SR"        // synchronous regular
)

// Regime labels r by p's thresholds: silent below SilentRateHz, saturated at
// or above SaturatedRateHz; otherwise synchronous when χ ≥ SyncChi and
// regular when the mean CV ISI < RegularCV. A group counts as irregular when
// its CV is undefined (no neuron fired three times) or rests on fewer than
// RegularMinISIs intervals per neuron on average: a CV of few intervals is
// biased low (two intervals of a Poisson train give 0.5 on average), so
// regularity is not claimed from them. A group whose χ is undefined counts
// as asynchronous.
func Regime(r Result, p Params) string {
	rate := float64(r.MeanRateHz)
	switch {
	case !(rate >= p.SilentRateHz):
		return Silent
	case rate >= p.SaturatedRateHz:
		return Saturated
	}
	sync := r.SynchronyChi.Defined() && float64(r.SynchronyChi) >= p.SyncChi
	regular := r.CVISI.Defined() && float64(r.CVISI) < p.RegularCV && float64(r.CVIntervals) >= p.RegularMinISIs
	switch {
	case sync && regular:
		return SR
	case sync:
		return SI
	case regular:
		return AR
	}
	return AI
}
