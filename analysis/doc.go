// Package analysis measures the state of a spiking network from its spikes:
// rates, irregularity (CV ISI, LV), synchrony (Fano factor, Golomb–Rinzel χ,
// pairwise correlation), the power spectrum of the population rate (Welch),
// bursts, and the regime in Brunel's (2000) classification, asynchronous or
// synchronous × irregular or regular, plus silent and saturated.
//
// It works on spike arrays (a neuron index and a time per spike, in time
// order), as `einetc run` writes them to spikes.csv and as any Go program can
// collect them from a generated model's Spikes(); it needs no state other
// than the spikes, and its memory is proportional to the number of spikes
// and neurons plus the number of time bins.
//
//	s := analysis.Spikes{Neuron: idx, T: tms}          // idx in [0, n), t in ms
//	r, err := analysis.Analyze(s, 0, n, analysis.DefaultParams(200, 1000))
//	fmt.Println(r.Regime, r.SynchronyChi, r.PSDPeakHz)
//
// Every metric is defined, with its formula, parameters and reference, in
// docs/analysis.md. A value that is undefined for the data (a CV without a
// neuron that fired three times, a correlation without two active neurons)
// is NaN in Go and null in JSON.
package analysis
