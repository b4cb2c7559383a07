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

The module also holds what the LIF benchmark scripts (coba.py, cuba.py,
brunel.py) share around their equations: their command line (lif_parser,
lif_args), the C++ standalone set-up (standalone), connecting and loading
the dumped realization (connect, load), and running it or Brian2's own
seeded networks and writing the NPY files the Go tests read
(run_realization, run_seeds).
"""

import argparse
import os
import subprocess

import numpy as np
from brian2 import (Network, NeuronGroup, SpikeMonitor, StateMonitor,
                    Synapses, defaultclock, device, ms, mV, nS, set_device)

import tm

DT_MS = 0.1


def load(dump, name):
    return np.load(os.path.join(dump, name + '.npy'))


def lif_parser(doc, ext=False):
    """The command line of the LIF scripts: --dump DIR [--record N] (the
    realization) or --seeds LIST (Brian2's own networks), and with ext, the
    realization's --ext CSV (that run's spikes.csv, external sources' spikes
    included). The script may add its own arguments; lif_args parses."""
    ap = argparse.ArgumentParser(description=doc.split('\n')[0])
    ap.add_argument('--out', required=True)
    ap.add_argument('--project', required=True, help='C++ standalone project directory (reused between runs)')
    ap.add_argument('--duration', type=float, required=True, help='ms')
    ap.add_argument('--dump', help='einetc run -dump-network directory')
    if ext:
        ap.add_argument('--ext', help="that run's spikes.csv, with the external sources' spikes")
    ap.add_argument('--record', type=int, default=20, help='record v of neurons 0..N-1')
    ap.add_argument('--seeds', help='comma-separated')
    return ap


def lif_args(ap):
    """Parses lif_parser's command line: exactly one of --dump and --seeds,
    and --ext (where the parser has it) with --dump only."""
    args = ap.parse_args()
    if not hasattr(args, 'ext'):
        if (args.dump is None) == (args.seeds is None):
            raise SystemExit('give --dump or --seeds')
    elif (args.dump is None) == (args.seeds is None) or (args.dump is None) != (args.ext is None):
        raise SystemExit('give --dump and --ext, or --seeds')
    return args


def standalone(project, seeded):
    """Brian2's C++ standalone device in project, dt = DT_MS.

    seeded=False: a realization, compiled as written (tm.cpp_flags strict),
    built and run by run_realization. seeded=True: Brian2's default flags,
    built once by run_seeds and run once per seed, the binary's first
    argument seeding Brian2's random numbers."""
    set_device('cpp_standalone', directory=project, build_on_run=not seeded)
    tm.cpp_flags(strict=not seeded)
    defaultclock.dt = DT_MS * ms
    if seeded:
        device.insert_code('main', 'rk_seed(argc > 1 ? atol(argv[1]) : 0L, brian::_mersenne_twister_states[0]);')


def connect(dump, pathways):
    """Connects each (synapses, NAME) of pathways as the dump's NAME.pairs
    lists them (source, target)."""
    for syn, name in pathways:
        pairs = load(dump, name + '.pairs')
        syn.connect(i=pairs[:, 0], j=pairs[:, 1])


def run_realization(args, objects, group, unit=mV, when='start'):
    """Runs the network of objects for --duration and writes

      OUT/real.spikes.npy  (k, 2) int64: (step, neuron) of group
      OUT/real.v.npy       (steps, --record) float64: v/unit of neurons
                           0..record-1, recorded at `when` of each step

    Returns the line of Brian2's build and run times."""
    sm = SpikeMonitor(group)
    st = StateMonitor(group, 'v', record=np.arange(args.record), when=when)
    Network(*objects, sm, st).run(args.duration * ms)
    os.makedirs(args.out, exist_ok=True)
    np.save(os.path.join(args.out, 'real.spikes.npy'), tm.spike_steps(sm, DT_MS * ms))
    np.save(os.path.join(args.out, 'real.v.npy'), np.asarray(st.v[:] / unit).T.copy())
    return 'brian2 build %.1f s, run %.1f s' % (device.timers['compile']['make'] or 0, device.timers['run_binary'])


def run_seeds(args, objects, group):
    """Builds the network of objects (set up after standalone(seeded=True))
    for --duration, runs it once per seed of --seeds and writes
    OUT/seedN.spikes.npy, (k, 2) int64: (step, neuron) of group. Returns the
    line of Brian2's build time."""
    mon = SpikeMonitor(group)
    Network(*objects, mon).run(args.duration * ms)
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
    return 'brian2 build %.1f s' % (device.timers['compile']['make'] or 0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--dump', required=True, help='einetc run -dump-network directory')
    ap.add_argument('--out', required=True)
    ap.add_argument('--project', required=True, help='C++ standalone project directory (reused between runs)')
    ap.add_argument('--duration', type=float, required=True, help='ms')
    ap.add_argument('--record', type=int, default=20, help='record v of neurons 0..N-1')
    ap.add_argument('--variant', action='append', required=True, help='NAME:RATES:INIT')
    args = ap.parse_args()

    standalone(args.project, seeded=False)
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
