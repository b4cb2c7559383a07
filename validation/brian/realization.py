"""Case 2 of einetc's validation suite: the same COBAHH realization in Brian2.

Loads the network that `einetc run -dump-network DUMP examples/cobahh/net.ein`
wrote (connectivity pairs and initial states, einetc's internal units) and
simulates it with Brian2's COBAHH equations (exponential Euler, threshold
v > -20 mV, refractory 3 ms, on_pre ge += we / gi += wi, no delay), in C++
standalone mode, once per --variant NAME:RATES:INIT, side by side in one build:

  RATES  stock | exact (see tm.py)
  INIT   asdumped: ge = Pe.g, gi = Pi.g, the dumped initial values;
         matched:  ge = Pe.g*exp(-dt/taue), gi = Pi.g*exp(-dt/taui), the
                   conductances einetc's first step integrates v with (einetc
                   decays the synaptic states at the start of every step,
                   the first one included).

For each variant it writes

  OUT/NAME.spikes.npy  (k, 2) int64: (step, neuron)
  OUT/NAME.v.npy       (steps, --record) float64: v (mV) of neurons
                       0..record-1 at the start of each step

Usage: realization.py --dump DIR --out DIR --project DIR --duration MS
                      --record N --variant NAME:RATES:INIT [--variant ...]
"""

import argparse
import os

import numpy as np
from brian2 import (Network, NeuronGroup, SpikeMonitor, StateMonitor,
                    Synapses, defaultclock, device, ms, mV, nS, set_device)

import tm

DT_MS = 0.1


def load(dump, name):
    return np.load(os.path.join(dump, name + '.npy'))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--dump', required=True, help='einetc run -dump-network directory')
    ap.add_argument('--out', required=True)
    ap.add_argument('--project', required=True, help='C++ standalone project directory (reused between runs)')
    ap.add_argument('--duration', type=float, required=True, help='ms')
    ap.add_argument('--record', type=int, default=20, help='record v of neurons 0..N-1')
    ap.add_argument('--variant', action='append', required=True, help='NAME:RATES:INIT')
    args = ap.parse_args()

    set_device('cpp_standalone', directory=args.project)
    tm.cpp_flags(strict=True)
    defaultclock.dt = DT_MS * ms
    pairs_e, pairs_i = load(args.dump, 'Pe.pairs'), load(args.dump, 'Pi.pairs')
    v0, ge0, gi0 = load(args.dump, 'P.v'), load(args.dump, 'Pe.g'), load(args.dump, 'Pi.g')
    m0, h0 = load(args.dump, 'P.INa_TM1991.p'), load(args.dump, 'P.INa_TM1991.q')
    n0 = load(args.dump, 'P.IK_TM1991.p')
    n_neurons, n_exc = len(v0), 3200

    net = Network()
    runs = []
    for name, rates, init in (v.split(':') for v in args.variant):
        if init not in ('asdumped', 'matched'):
            raise SystemExit('unknown INIT %r' % init)
        p = NeuronGroup(n_neurons, tm.equations(rates, network=True), threshold='v > -20*mV',
                        refractory=3 * ms, method='exponential_euler',
                        namespace=tm.NAMESPACE, name='P_' + name)
        ce = Synapses(p[:n_exc], p, on_pre='ge += we', namespace=tm.NAMESPACE, name='Ce_' + name)
        ci = Synapses(p[n_exc:], p, on_pre='gi += wi', namespace=tm.NAMESPACE, name='Ci_' + name)
        ce.connect(i=pairs_e[:, 0], j=pairs_e[:, 1])
        ci.connect(i=pairs_i[:, 0], j=pairs_i[:, 1])
        fe = np.exp(-DT_MS / 5.0) if init == 'matched' else 1.0
        fi = np.exp(-DT_MS / 10.0) if init == 'matched' else 1.0
        p.v = v0 * mV
        p.m, p.h, p.n = m0, h0, n0
        p.ge = ge0 * fe * nS
        p.gi = gi0 * fi * nS
        sm = SpikeMonitor(p, name='sm_' + name)
        st = StateMonitor(p, 'v', record=np.arange(args.record), name='st_' + name)
        net.add(p, ce, ci, sm, st)
        runs.append((name, sm, st))
    net.run(args.duration * ms)

    os.makedirs(args.out, exist_ok=True)
    for name, sm, st in runs:
        np.save(os.path.join(args.out, name + '.spikes.npy'), tm.spike_steps(sm, DT_MS * ms))
        np.save(os.path.join(args.out, name + '.v.npy'), np.asarray(st.v[:] / mV).T.copy())
    print('brian2 build %.1f s, run %.1f s' % (device.timers['compile']['make'] or 0, device.timers['run_binary']))


if __name__ == '__main__':
    main()
