package validation

import "testing"

// Case 8: Brunel (2000) model A (examples/brunel), einetc against Brian2
// (brian/brunel.py): 12 500 LIF neurons with delta synapses (v jumps by
// J = 0.1 mV, -g J), a delay of 1.5 ms, a refractory period during which
// the neuron is insensitive, and 100 000 external Poisson sources. One
// realization raster for raster: the connectivity and initial v dumped by
// einetc run -dump-network, and the external spikes of that run replayed
// in Brian2 by a SpikeGeneratorGroup; then the statistics of three seeds,
// Brian2 drawing its own network and Poisson trains. v decays by the same
// factor in both (exp(-dt/tau), in ms here and in s there, which may differ
// in the last bit) and each jump adds the same double in the same order,
// so v agrees to about 1e-14 mV and only a v within that of the threshold
// could flip a spike.

var brunelCase = lifCase{example: "brunel", script: "brunel.py", realMs: 1000, identical: 10000, tol: 1e-7, record: 20,
	statsMs: 500, discardMs: 100, seeds: []string{"1", "2", "3"},
	nE: 10000, n: 12500, recordLine: "RECORD P.spikes", external: true, vAfter: 20}

func TestBrunel(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: case 8 builds two Brian2 projects and simulates 12 500 neurons and 100 000 Poisson sources 7 times")
	}
	t.Parallel()
	needBrian(t)
	brunelCase.run(t)
}
