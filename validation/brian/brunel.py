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

import argparse
import os
import subprocess

import numpy as np
from brian2 import (Hz, NeuronGroup, PoissonGroup, SpikeGeneratorGroup,
                    SpikeMonitor, StateMonitor, Synapses, defaultclock,
                    device, ms, run, set_device)

import tm

DT_MS = 0.1
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


def realization(args):
    set_device('cpp_standalone', directory=args.project)
    tm.cpp_flags(strict=True)
    defaultclock.dt = DT_MS * ms
    load = lambda name: np.load(os.path.join(args.dump, name + '.npy'))
    spikes = np.loadtxt(args.ext, delimiter=',', skiprows=1, ndmin=2)
    spikes = spikes[spikes[:, 1] >= N]
    steps = np.round(spikes[:, 0] / DT_MS).astype(np.int64)
    ext = SpikeGeneratorGroup(N_EXT, spikes[:, 1].astype(np.int64) - N, steps * DT_MS * ms)
    p, se, si, sx = network(args, ext)
    for syn, name in ((se, 'E'), (si, 'I'), (sx, 'Ext')):
        pairs = load(name + '.pairs')
        syn.connect(i=pairs[:, 0], j=pairs[:, 1])
    p.v = load('P.v')
    sm = SpikeMonitor(p)
    st = StateMonitor(p, 'v', record=np.arange(args.record), when='before_synapses')
    run(args.duration * ms)
    os.makedirs(args.out, exist_ok=True)
    np.save(os.path.join(args.out, 'real.spikes.npy'), tm.spike_steps(sm, DT_MS * ms))
    np.save(os.path.join(args.out, 'real.v.npy'), np.asarray(st.v[:]).T.copy())
    print('brian2 build %.1f s, run %.1f s; %d external spikes replayed' %
          (device.timers['compile']['make'] or 0, device.timers['run_binary'], len(steps)))


def seeds(args):
    set_device('cpp_standalone', directory=args.project, build_on_run=False)
    tm.cpp_flags(strict=False)
    defaultclock.dt = DT_MS * ms
    device.insert_code('main', 'rk_seed(argc > 1 ? atol(argv[1]) : 0L, brian::_mersenne_twister_states[0]);')
    ext = PoissonGroup(N_EXT, rates=args.rate * Hz)
    p, se, si, sx = network(args, ext)
    se.connect(i='k for k in sample(N_pre, size=%d)' % C_E)
    si.connect(i='k for k in sample(N_pre, size=%d)' % C_I)
    sx.connect(i='k for k in sample(N_pre, size=%d)' % C_E)
    p.v = '20 * rand()'
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
    ap.add_argument('--g', type=float, default=5.0, help='relative inhibition (I weight -g*0.1 mV)')
    ap.add_argument('--rate', type=float, default=20.0, help='external rate per source (Hz), seeds mode')
    ap.add_argument('--dump', help='einetc run -dump-network directory')
    ap.add_argument('--ext', help="that run's spikes.csv, with the external sources' spikes")
    ap.add_argument('--record', type=int, default=20, help='record v of neurons 0..N-1')
    ap.add_argument('--seeds', help='comma-separated')
    args = ap.parse_args()
    if (args.dump is None) == (args.seeds is None) or (args.dump is None) != (args.ext is None):
        raise SystemExit('give --dump and --ext, or --seeds')
    if args.dump:
        realization(args)
    else:
        seeds(args)


if __name__ == '__main__':
    main()
