package coba_test

import (
	"fmt"
	"math"

	"github.com/einetc/einetc/examples/coba"
)

// Example runs the COBA benchmark of Brette et al. (2007) and reports the
// mean rate.
func Example() {
	p := coba.DefaultParams()
	m, err := coba.New(p)
	if err != nil {
		panic(err)
	}
	steps := int(math.Round(coba.DefaultDuration / p.Dt))
	spikes := 0
	m.Run(steps, func(m *coba.Model) { spikes += len(m.Spikes()) })
	rate := float64(spikes) / coba.NumNeurons / (m.Time() / 1000)
	fmt.Printf("%d neurons, %.0f ms; mean rate between 5 and 50 Hz: %v\n", coba.NumNeurons, m.Time(), rate > 5 && rate < 50)
	// Output:
	// 4000 neurons, 200 ms; mean rate between 5 and 50 Hz: true
}

// ExampleParams_SetQuantity changes the reset potential, a runtime
// parameter like every other property of the neuron.
func ExampleParams_SetQuantity() {
	p := coba.DefaultParams()
	if err := p.SetQuantity("P.reset", "-55 mV"); err != nil {
		panic(err)
	}
	fmt.Println(p.P_reset, "mV")
	// Output:
	// -55 mV
}
