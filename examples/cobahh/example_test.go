package cobahh_test

import (
	"fmt"
	"math"

	"github.com/einetc/einetc/examples/cobahh"
)

// Example runs the classic COBAHH benchmark and reports the mean rate.
func Example() {
	p := cobahh.DefaultParams()
	m, err := cobahh.New(p)
	if err != nil {
		panic(err)
	}
	steps := int(math.Round(cobahh.DefaultDuration / p.Dt))
	spikes := 0
	m.Run(steps, func(m *cobahh.Model) { spikes += len(m.Spikes()) })
	rate := float64(spikes) / cobahh.NumNeurons / (m.Time() / 1000)
	fmt.Printf("%d neurons, %.0f ms; mean rate between 1 and 100 Hz: %v\n", cobahh.NumNeurons, m.Time(), rate > 1 && rate < 100)
	// Output:
	// 4000 neurons, 200 ms; mean rate between 1 and 100 Hz: true
}
