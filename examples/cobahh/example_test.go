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

// ExampleParams_SetQuantity sets parameters with their units, as
// `einetc run -set` does; the Params fields themselves hold internal units
// (nS/um2 for a conductance density that the model writes in mS/cm2).
func ExampleParams_SetQuantity() {
	p := cobahh.DefaultParams()
	if err := p.SetQuantity("P.INa_TM1991.g_max", "20 mS/cm2"); err != nil {
		panic(err)
	}
	fmt.Println(p.P_INa_TM1991_g_max, "nS/um2")
	fmt.Println(p.SetQuantity("P.INa_TM1991.g_max", "20 mV"))
	fmt.Println(p.SetQuantity("Pe.tau", "0 ms"))
	// Output:
	// 0.2 nS/um2
	// P.INa_TM1991.g_max=20 mV: P.INa_TM1991.g_max is in mS/cm2 (conductance density), not mV (voltage)
	// Pe.tau = 0 ms: must be positive (a time constant)
}
