"""Case 7 of einetc's validation suite: the CUBA LIF benchmark in Brian2.

Benchmark 2 of Brette et al. (2007), Brian2's examples/CUBA.py, integrated
with method='exact' as there, in physical units as examples/cuba/net.ein
writes it (CUBA.py's voltages ge, gi are the currents ge*C/taum):

  dv/dt  = (El - v)/taum + (ge + gi)/C : volt (unless refractory)
  dge/dt = -ge/taue : amp
  dgi/dt = -gi/taui : amp

threshold v > -50 mV, reset v = -60 mV, refractory 5 ms, on_pre ge += we /
gi += wi, no delay, dt = 0.1 ms, C++ standalone.

Two modes:

  --dump DIR   the realization that `einetc run -dump-network DIR` wrote
               (P.v, Pe.pairs, Pi.pairs; internal units mV; ge = gi = 0),
               compiled as written (no -ffast-math, no FMA contraction).
               Writes OUT/real.spikes.npy and OUT/real.v.npy (v of neurons
               0..record-1 at the start of each step).
  --seeds 1,2  Brian2's own networks, drawn as Brette's script does
               (connect(p=0.02), v = U(-60, -50) mV, ge = gi = 0), one
               build, one run per seed. Writes
               OUT/seedN.spikes.npy.

Spike arrays are (k, 2) int64: (step, neuron).

Usage: cuba.py --out DIR --project DIR --duration MS (--dump DIR [--record N] | --seeds LIST)
"""

from brian2 import NeuronGroup, Synapses, ms, mV, pA, pF

import realization

N, N_EXC = 4000, 3200
NAMESPACE = {'taum': 20 * ms, 'El': -49 * mV, 'C': 200 * pF,
             'taue': 5 * ms, 'taui': 10 * ms,
             'we': 16.2 * pA, 'wi': -90 * pA}
EQS = '''
dv/dt  = (El - v)/taum + (ge + gi)/C : volt (unless refractory)
dge/dt = -ge/taue : amp
dgi/dt = -gi/taui : amp
'''


def network():
    p = NeuronGroup(N, EQS, threshold='v > -50*mV', reset='v = -60*mV',
                    refractory=5 * ms, method='exact', namespace=NAMESPACE)
    ce = Synapses(p[:N_EXC], p, on_pre='ge += we', namespace=NAMESPACE)
    ci = Synapses(p[N_EXC:], p, on_pre='gi += wi', namespace=NAMESPACE)
    return p, ce, ci


def dumped(args):
    realization.standalone(args.project, seeded=False)
    p, ce, ci = network()
    realization.connect(args.dump, ((ce, 'Pe'), (ci, 'Pi')))
    p.v = realization.load(args.dump, 'P.v') * mV
    return realization.run_realization(args, (p, ce, ci), p)


def seeds(args):
    realization.standalone(args.project, seeded=True)
    p, ce, ci = network()
    ce.connect(p=0.02)
    ci.connect(p=0.02)
    p.v = '(-60 + rand() * 10) * mV'
    return realization.run_seeds(args, (p, ce, ci), p)


def main():
    args = realization.lif_args(realization.lif_parser(__doc__))
    print(dumped(args) if args.dump else seeds(args))


if __name__ == '__main__':
    main()
