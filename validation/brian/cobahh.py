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
import os
import subprocess

import numpy as np
from brian2 import (NeuronGroup, SpikeMonitor, Synapses, defaultclock, device,
                    ms, mV, nS, run, set_device)

import tm


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', required=True)
    ap.add_argument('--project', required=True, help='C++ standalone project directory (reused between runs)')
    ap.add_argument('--duration', type=float, required=True, help='ms')
    ap.add_argument('--seeds', required=True, help='comma-separated')
    args = ap.parse_args()

    set_device('cpp_standalone', directory=args.project, build_on_run=False)
    tm.cpp_flags(strict=False)
    defaultclock.dt = 0.1 * ms
    # Before anything random happens: seed from argv[1] (Brian2 2.5 has no
    # run-time arguments of its own).
    device.insert_code('main', 'rk_seed(argc > 1 ? atol(argv[1]) : 0L, brian::_mersenne_twister_states[0]);')
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
    mon = SpikeMonitor(P)
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
        steps = np.round(t / 1e-4).astype(np.int64)
        out = np.column_stack([steps, i])
        np.save(os.path.join(args.out, 'seed%s.spikes.npy' % seed), out[np.lexsort((out[:, 1], out[:, 0]))])
    print('brian2 build %.1f s' % (device.timers['compile']['make'] or 0))


if __name__ == '__main__':
    main()
