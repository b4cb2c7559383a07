"""Case 6 of einetc's validation suite: the COBA LIF benchmark in Brian2.

Benchmark 1 of Brette et al. (2007), after R. Brette's Brian script
(examples/misc/COBA.py), in physical units and with exponential Euler, as
examples/coba/net.ein writes it:

  dv/dt  = (El - v)/taum + (ge*(Ee - v) + gi*(Ei - v))/C : volt (unless refractory)
  dge/dt = -ge/taue : siemens
  dgi/dt = -gi/taui : siemens

threshold v > -50 mV, reset v = -60 mV, refractory 5 ms, on_pre ge += we /
gi += wi, no delay, dt = 0.1 ms, C++ standalone.

Two modes:

  --dump DIR   the realization that `einetc run -dump-network DIR` wrote
               (P.v, Pe.g, Pi.g, Pe.pairs, Pi.pairs; internal units mV, nS),
               compiled as written (no -ffast-math, no FMA contraction).
               Writes OUT/real.spikes.npy and OUT/real.v.npy (v of neurons
               0..record-1 at the start of each step).
  --seeds 1,2  Brian2's own networks, drawn as Brette's script does
               (connect(p=0.02), v = N(-65, 5) mV, ge = N(40, 15) nS,
               gi = N(200, 120) nS), one build, one run per seed. Writes
               OUT/seedN.spikes.npy.

Spike arrays are (k, 2) int64: (step, neuron).

Usage: coba.py --out DIR --project DIR --duration MS (--dump DIR [--record N] | --seeds LIST)
"""

from brian2 import NeuronGroup, Synapses, ms, mV, nS, pF

import realization

N, N_EXC = 4000, 3200
NAMESPACE = {'taum': 20 * ms, 'El': -60 * mV, 'C': 200 * pF, 'Ee': 0 * mV,
             'Ei': -80 * mV, 'taue': 5 * ms, 'taui': 10 * ms,
             'we': 6 * nS, 'wi': 67 * nS}
EQS = '''
dv/dt  = (El - v)/taum + (ge*(Ee - v) + gi*(Ei - v))/C : volt (unless refractory)
dge/dt = -ge/taue : siemens
dgi/dt = -gi/taui : siemens
'''


def network():
    p = NeuronGroup(N, EQS, threshold='v > -50*mV', reset='v = -60*mV',
                    refractory=5 * ms, method='exponential_euler', namespace=NAMESPACE)
    ce = Synapses(p[:N_EXC], p, on_pre='ge += we', namespace=NAMESPACE)
    ci = Synapses(p[N_EXC:], p, on_pre='gi += wi', namespace=NAMESPACE)
    return p, ce, ci


def dumped(args):
    realization.standalone(args.project, seeded=False)
    p, ce, ci = network()
    realization.connect(args.dump, ((ce, 'Pe'), (ci, 'Pi')))
    p.v = realization.load(args.dump, 'P.v') * mV
    p.ge = realization.load(args.dump, 'Pe.g') * nS
    p.gi = realization.load(args.dump, 'Pi.g') * nS
    return realization.run_realization(args, (p, ce, ci), p)


def seeds(args):
    realization.standalone(args.project, seeded=True)
    p, ce, ci = network()
    ce.connect(p=0.02)
    ci.connect(p=0.02)
    p.v = '(randn() * 5 - 65) * mV'
    p.ge = '(randn() * 15 + 40) * nS'
    p.gi = '(randn() * 120 + 200) * nS'
    return realization.run_seeds(args, (p, ce, ci), p)


def main():
    args = realization.lif_args(realization.lif_parser(__doc__))
    print(dumped(args) if args.dump else seeds(args))


if __name__ == '__main__':
    main()
