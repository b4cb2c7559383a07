"""Case 3 of einetc's validation suite: Brian2's COBAHH example, several seeds.

Brian2's examples/COBAHH.py as written (4000 neurons, 3200 excitatory, p =
0.02 connectivity drawn per pair, v = El + (randn()*5 - 5) mV,
ge = (randn()*1.5 + 4)*10 nS, gi = (randn()*12 + 20)*10 nS, m = n = h = 0,
exponential Euler, threshold v > -20 mV, refractory 3 ms, dt = 0.1 ms),
built once in C++ standalone mode and run once per seed: the generated
main() seeds Brian2's random number generator from its first command-line
argument, so one build serves every seed. For each seed it writes

  OUT/seedN.spikes.npy  (k, 2) int64: (step, neuron)

Usage: cobahh.py --out DIR --project DIR --duration MS --seeds 1,2,3
"""

import argparse

from brian2 import NeuronGroup, Synapses, ms, mV, nS

import realization
import tm


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', required=True)
    ap.add_argument('--project', required=True, help='C++ standalone project directory (reused between runs)')
    ap.add_argument('--duration', type=float, required=True, help='ms')
    ap.add_argument('--seeds', required=True, help='comma-separated')
    args = ap.parse_args()

    # Before anything random happens: standalone seeds Brian2's random
    # numbers from the binary's first argument.
    realization.standalone(args.project, seeded=True)
    P = NeuronGroup(4000, model=tm.equations('stock', network=True), threshold='v > -20*mV',
                    refractory=3 * ms, method='exponential_euler', namespace=tm.NAMESPACE)
    Pe = P[:3200]
    Pi = P[3200:]
    Ce = Synapses(Pe, P, on_pre='ge += we', namespace=tm.NAMESPACE)
    Ci = Synapses(Pi, P, on_pre='gi += wi', namespace=tm.NAMESPACE)
    Ce.connect(p=0.02)
    Ci.connect(p=0.02)
    P.v = 'El + (randn() * 5 - 5)*mV'
    P.ge = '(randn() * 1.5 + 4) * 10.*nS'
    P.gi = '(randn() * 12 + 20) * 10.*nS'
    print(realization.run_seeds(args, (P, Ce, Ci), P))


if __name__ == '__main__':
    main()
