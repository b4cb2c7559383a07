package mcurrent_test

import (
	"fmt"

	"github.com/einetc/einetc/examples/mcurrent"
)

// Example runs the adapting network for 200 ms and reads a recorded trace.
func Example() {
	m, err := mcurrent.New(mcurrent.DefaultParams())
	if err != nil {
		panic(err)
	}
	row := make([]float64, len(mcurrent.TraceNames))
	spikes := 0
	m.Run(2000, func(m *mcurrent.Model) {
		spikes += len(m.Spikes())
		m.ReadTrace(row)
	})
	fmt.Println(mcurrent.TraceNames[0], "recorded; network fired:", spikes > 0)
	// Output:
	// N.v[0] recorded; network fired: true
}
