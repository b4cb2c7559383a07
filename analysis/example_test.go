package analysis_test

import (
	"fmt"

	"github.com/einetc/einetc/analysis"
)

// Example analyzes 100 neurons that fire every 25 ms, each 0.02 ms after the
// previous one: a regular, synchronous 40 Hz rhythm.
func Example() {
	var s analysis.Spikes
	for t := 0.0; t < 2000; t += 25 {
		for i := range 100 {
			s.Neuron = append(s.Neuron, int32(i))
			s.T = append(s.T, t+0.02*float64(i))
		}
	}
	r, err := analysis.Analyze(s, 0, 100, analysis.DefaultParams(200, 2000))
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s: %.0f Hz, CV %.2f, χ %.2f, spectral peak at %.1f Hz\n", r.Regime, r.MeanRateHz, r.CVISI, r.SynchronyChi, r.PSDPeakHz)
	// Output:
	// SR: 40 Hz, CV 0.00, χ 0.90, spectral peak at 39.1 Hz
}
