package brunel_test

import (
	"fmt"
	"math"

	"github.com/einetc/einetc/examples/brunel"
)

// Example runs Brunel's model A for 100 ms in the asynchronous irregular
// state of the paper's figure 8C (g = 5, nu_ext = 2 nu_thr) and reports the
// mean rate of the 12 500 neurons and of the 100 000 external sources.
func Example() {
	m, err := brunel.New(brunel.DefaultParams())
	if err != nil {
		panic(err)
	}
	steps := int(math.Round(100 / m.P.Dt))
	var net, ext int
	m.Run(steps, func(m *brunel.Model) {
		for _, n := range m.Spikes() {
			if n < 12500 {
				net++
			} else {
				ext++
			}
		}
	})
	s := m.Time() / 1000
	fmt.Printf("%.0f ms; network rate between 20 and 60 Hz: %v; external rate %.0f Hz\n",
		m.Time(), float64(net)/12500/s > 20 && float64(net)/12500/s < 60, float64(ext)/100000/s)
	// Output:
	// 100 ms; network rate between 20 and 60 Hz: true; external rate 20 Hz
}

// ExampleParams_SetQuantity moves the network to the fast oscillation of
// the paper's figure 8B: g = 6 and nu_ext = 4 nu_thr = 40 Hz.
func ExampleParams_SetQuantity() {
	p := brunel.DefaultParams()
	if err := p.SetQuantity("I.weight", "-0.6 mV"); err != nil {
		panic(err)
	}
	if err := p.SetQuantity("Ext.rate", "40 Hz"); err != nil {
		panic(err)
	}
	fmt.Println(p.I_weight, "mV;", p.Ext_rate*1000, "Hz")
	// Output:
	// -0.6 mV; 40 Hz
}
