package cuba_test

import (
	"fmt"
	"math"

	"github.com/einetc/einetc/examples/cuba"
)

// Example runs the CUBA benchmark of Brette et al. (2007), integrated
// exactly, and reports the mean rate.
func Example() {
	p := cuba.DefaultParams()
	m, err := cuba.New(p)
	if err != nil {
		panic(err)
	}
	steps := int(math.Round(cuba.DefaultDuration / p.Dt))
	spikes := 0
	m.Run(steps, func(m *cuba.Model) { spikes += len(m.Spikes()) })
	rate := float64(spikes) / cuba.NumNeurons / (m.Time() / 1000)
	fmt.Printf("%d neurons, %.0f ms; mean rate between 2 and 50 Hz: %v\n", cuba.NumNeurons, m.Time(), rate > 2 && rate < 50)
	// Output:
	// 4000 neurons, 200 ms; mean rate between 2 and 50 Hz: true
}
