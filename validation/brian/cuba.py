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

import argparse
import os
import subprocess

import numpy as np
from brian2 import (NeuronGroup, SpikeMonitor, StateMonitor, Synapses,
                    defaultclock, device, ms, mV, pA, pF, run, set_device)

import tm

DT_MS = 0.1
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


def realization(args):
    set_device('cpp_standalone', directory=args.project)
    tm.cpp_flags(strict=True)
    defaultclock.dt = DT_MS * ms
    load = lambda name: np.load(os.path.join(args.dump, name + '.npy'))
    p, ce, ci = network()
    pe, pi = load('Pe.pairs'), load('Pi.pairs')
    ce.connect(i=pe[:, 0], j=pe[:, 1])
    ci.connect(i=pi[:, 0], j=pi[:, 1])
    p.v = load('P.v') * mV
    sm = SpikeMonitor(p)
    st = StateMonitor(p, 'v', record=np.arange(args.record))
    run(args.duration * ms)
    os.makedirs(args.out, exist_ok=True)
    np.save(os.path.join(args.out, 'real.spikes.npy'), tm.spike_steps(sm, DT_MS * ms))
    np.save(os.path.join(args.out, 'real.v.npy'), np.asarray(st.v[:] / mV).T.copy())
    print('brian2 build %.1f s, run %.1f s' % (device.timers['compile']['make'] or 0, device.timers['run_binary']))


def seeds(args):
    set_device('cpp_standalone', directory=args.project, build_on_run=False)
    tm.cpp_flags(strict=False)
    defaultclock.dt = DT_MS * ms
    device.insert_code('main', 'rk_seed(argc > 1 ? atol(argv[1]) : 0L, brian::_mersenne_twister_states[0]);')
    p, ce, ci = network()
    ce.connect(p=0.02)
    ci.connect(p=0.02)
    p.v = '(-60 + rand() * 10) * mV'
    mon = SpikeMonitor(p)
    run(args.duration * ms)
    device.build(directory=args.project, compile=True, run=False)
    os.makedirs(args.out, exist_ok=True)
    files = {v: device.get_array_filename(mon.variables[v]) for v in ('i', 't')}
    dtypes = {v: mon.variables[v].dtype for v in ('i', 't')}
    binary = os.path.join(os.path.abspath(args.project), 'main')
    for seed in args.seeds.split(','):
        work = os.path.join(args.out, 'seed' + seed)
        os.makedirs(os.path.join(work, 'results'), exist_ok=True)
        link = os.path.join(work, 'static_arrays')
        if not os.path.exists(link):
            os.symlink(os.path.join(os.path.abspath(args.project), 'static_arrays'), link)
        subprocess.run([binary, seed], cwd=work, check=True, stdout=subprocess.DEVNULL)
        i = np.fromfile(os.path.join(work, files['i']), dtype=dtypes['i']).astype(np.int64)
        t = np.fromfile(os.path.join(work, files['t']), dtype=dtypes['t'])
        out = np.column_stack([np.round(t / (DT_MS * 1e-3)).astype(np.int64), i])
        np.save(os.path.join(args.out, 'seed%s.spikes.npy' % seed), out[np.lexsort((out[:, 1], out[:, 0]))])
    print('brian2 build %.1f s' % (device.timers['compile']['make'] or 0))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', required=True)
    ap.add_argument('--project', required=True, help='C++ standalone project directory (reused between runs)')
    ap.add_argument('--duration', type=float, required=True, help='ms')
    ap.add_argument('--dump', help='einetc run -dump-network directory')
    ap.add_argument('--record', type=int, default=20, help='record v of neurons 0..N-1')
    ap.add_argument('--seeds', help='comma-separated')
    args = ap.parse_args()
    if (args.dump is None) == (args.seeds is None):
        raise SystemExit('give --dump or --seeds')
    if args.dump:
        realization(args)
    else:
        seeds(args)


if __name__ == '__main__':
    main()
