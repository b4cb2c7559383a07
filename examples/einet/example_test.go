package einet_test

import (
	"fmt"
	"math"

	"github.com/einetc/einetc/examples/einet"
)

// Example runs the braincell E–I network for its default 100 ms.
func Example() {
	m, err := einet.New(einet.DefaultParams())
	if err != nil {
		panic(err)
	}
	steps := int(math.Round(einet.DefaultDuration / einet.DefaultDt))
	spikes, first := 0, -1.0
	m.Run(steps, func(m *einet.Model) {
		if n := len(m.Spikes()); n > 0 && first < 0 {
			first = m.Time() - m.P.Dt
		}
		spikes += len(m.Spikes())
	})
	fmt.Printf("%d neurons, %.0f ms simulated\n", einet.NumNeurons, m.Time())
	fmt.Printf("onset volley at %.1f ms; sparse firing afterwards: %v\n", first, spikes/einet.NumNeurons < 10)
	// Output:
	// 4000 neurons, 100 ms simulated
	// onset volley at 13.9 ms; sparse firing afterwards: true
}
