"""Case 1 of einetc's validation suite: isolated Traub-Miles neurons.

One C++ standalone build simulates every requested configuration side by
side: for each --config METHOD:DT_MS:RATES a NeuronGroup of one neuron per
--currents value (nA), v0 = -60 mV, m = n = h = 0, no synapses, threshold
v > -20 mV with a 3 ms refractory period, integrated with Brian2's METHOD at
DT_MS on its own clock. For each configuration it writes

  OUT/METHOD-DT_MS-RATES.v.npy       (steps, neurons) float64: v in mV at the
                                     start of each step (StateMonitor, 'start')
  OUT/METHOD-DT_MS-RATES.spikes.npy  (k, 2) int64: (step, neuron)

Usage: single.py --out DIR --project DIR --duration MS --currents 0,0.5,1
                 --config exponential_euler:0.1:stock [--config ...]
"""

import argparse
import os

import numpy as np
from brian2 import (Network, NeuronGroup, SpikeMonitor, StateMonitor,
                    device, ms, mV, nA, set_device)

import tm


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', required=True)
    ap.add_argument('--project', required=True, help='C++ standalone project directory (reused between runs)')
    ap.add_argument('--duration', type=float, required=True, help='ms')
    ap.add_argument('--currents', required=True, help='comma-separated, nA')
    ap.add_argument('--config', action='append', required=True, help='METHOD:DT_MS:RATES')
    args = ap.parse_args()

    set_device('cpp_standalone', directory=args.project)
    tm.cpp_flags(strict=True)
    currents = np.array([float(c) for c in args.currents.split(',')])
    net = Network()
    runs = []
    for k, config in enumerate(args.config):
        method, dt_ms, rates = config.split(':')
        g = NeuronGroup(len(currents), tm.equations(rates, network=False),
                        threshold='v > -20*mV', refractory=3 * ms,
                        method=method, dt=float(dt_ms) * ms,
                        namespace=tm.NAMESPACE, name='g%d' % k)
        g.v = -60 * mV
        g.I = currents * nA
        sm = SpikeMonitor(g, name='sm%d' % k)
        st = StateMonitor(g, 'v', record=True, name='st%d' % k)
        net.add(g, sm, st)
        runs.append((config.replace(':', '-'), float(dt_ms) * ms, sm, st))
    net.run(args.duration * ms)

    os.makedirs(args.out, exist_ok=True)
    for label, dt, sm, st in runs:
        np.save(os.path.join(args.out, label + '.v.npy'), np.asarray(st.v[:] / mV).T.copy())
        np.save(os.path.join(args.out, label + '.spikes.npy'), tm.spike_steps(sm, dt))
    print('brian2 build %.1f s, run %.1f s' % (device.timers['compile']['make'] or 0, device.timers['run_binary']))


if __name__ == '__main__':
    main()
