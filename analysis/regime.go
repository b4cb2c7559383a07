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
// regular when the mean CV ISI < RegularCV. A group without a neuron that
// fired three times counts as irregular (too sparse to be regular), one
// whose χ is undefined as asynchronous.
func Regime(r Result, p Params) string {
	rate := float64(r.MeanRateHz)
	switch {
	case !(rate >= p.SilentRateHz):
		return Silent
	case rate >= p.SaturatedRateHz:
		return Saturated
	}
	sync := r.SynchronyChi.Defined() && float64(r.SynchronyChi) >= p.SyncChi
	regular := r.CVISI.Defined() && float64(r.CVISI) < p.RegularCV
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
