"""Case 7 of einetc's validation suite: Brunel (2000) model A in Brian2.

examples/brunel/net.ein in Brian2 2.5, with v in mV as a plain number:

  dv/dt = -v/tau : 1 (unless refractory)     tau = 20 ms

threshold v > 20, reset v = 10, refractory 2 ms, method exact; delta
synapses on_pre v_post += w (w = 0.1 from E, -g*0.1 from I, delay 1.5 ms;
0.1 from the external sources, no delay), each neuron with 1000 sources in
E, 250 in I and 1000 among 100 000 external Poisson sources (fixed
in-degree, without replacement), dt = 0.1 ms, C++ standalone. The
synaptic pathways are named so that Brian2 runs them in einetc's order
(E, I, external): a neuron's jumps are summed in the same order.

Two modes:

  --dump DIR --ext CSV   the realization that `einetc run -dump-network DIR`
               wrote (P.v, E.pairs, I.pairs, Ext.pairs; v in mV), and the
               external spikes of that run (its spikes.csv: neurons 12500
               and above are the sources), replayed by a
               SpikeGeneratorGroup; compiled as written (no -ffast-math, no
               FMA contraction). Writes OUT/real.spikes.npy (network
               neurons only) and OUT/real.v.npy (v of neurons
               0..record-1 after each step's integration and threshold,
               before its jumps and reset: einetc's v at the start of the
               next step, unless the neuron spiked).
  --seeds 1,2  Brian2's own networks (connect(i='k for k in sample(N_pre,
               size=C)'), v = 20*rand(), a PoissonGroup of 100 000
               sources), one build, one run per seed. Writes
               OUT/seedN.spikes.npy.

Spike arrays are (k, 2) int64: (step, neuron).

Usage: brunel.py --out DIR --project DIR --duration MS [--g G --rate HZ]
                 (--dump DIR --ext CSV [--record N] | --seeds LIST)
"""

import numpy as np
from brian2 import (Hz, NeuronGroup, PoissonGroup, SpikeGeneratorGroup,
                    Synapses, ms)

import realization

N, N_E, N_EXT = 12500, 10000, 100000
C_E, C_I = 1000, 250
EQS = 'dv/dt = -v/tau : 1 (unless refractory)'


def network(args, ext):
    ns = {'tau': 20 * ms, 'theta': 20.0, 'v_r': 10.0, 'J': 0.1, 'JI': -args.g * 0.1}
    p = NeuronGroup(N, EQS, threshold='v > theta', reset='v = v_r', refractory=2 * ms,
                    method='exact', namespace=ns)
    se = Synapses(p[:N_E], p, on_pre='v_post += J', delay=1.5 * ms, name='sa_e', namespace=ns)
    si = Synapses(p[N_E:], p, on_pre='v_post += JI', delay=1.5 * ms, name='sb_i', namespace=ns)
    sx = Synapses(ext, p, on_pre='v_post += J', name='sc_ext', namespace=ns)
    return p, se, si, sx


def dumped(args):
    realization.standalone(args.project, seeded=False)
    spikes = np.loadtxt(args.ext, delimiter=',', skiprows=1, ndmin=2)
    spikes = spikes[spikes[:, 1] >= N]
    steps = np.round(spikes[:, 0] / realization.DT_MS).astype(np.int64)
    ext = SpikeGeneratorGroup(N_EXT, spikes[:, 1].astype(np.int64) - N, steps * realization.DT_MS * ms)
    p, se, si, sx = network(args, ext)
    realization.connect(args.dump, ((se, 'E'), (si, 'I'), (sx, 'Ext')))
    p.v = realization.load(args.dump, 'P.v')
    line = realization.run_realization(args, (ext, p, se, si, sx), p, unit=1, when='before_synapses')
    return line + '; %d external spikes replayed' % len(steps)


def seeds(args):
    realization.standalone(args.project, seeded=True)
    ext = PoissonGroup(N_EXT, rates=args.rate * Hz)
    p, se, si, sx = network(args, ext)
    se.connect(i='k for k in sample(N_pre, size=%d)' % C_E)
    si.connect(i='k for k in sample(N_pre, size=%d)' % C_I)
    sx.connect(i='k for k in sample(N_pre, size=%d)' % C_E)
    p.v = '20 * rand()'
    return realization.run_seeds(args, (ext, p, se, si, sx), p)


def main():
    ap = realization.lif_parser(__doc__, ext=True)
    ap.add_argument('--g', type=float, default=5.0, help='relative inhibition (I weight -g*0.1 mV)')
    ap.add_argument('--rate', type=float, default=20.0, help='external rate per source (Hz), seeds mode')
    args = realization.lif_args(ap)
    print(dumped(args) if args.dump else seeds(args))


if __name__ == '__main__':
    main()
