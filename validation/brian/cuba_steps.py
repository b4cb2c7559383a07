"""Case 7, last bits: Brian2's method='exact' propagator of the CUBA LIF
(brian/cuba.py's equations) on given states, without spikes.

Reads IN (CSV: v in mV, ge and gi in pA, one neuron a row, written with
Go's shortest round-trip formatting), runs STEPS steps of dt = 0.1 ms in C++
standalone mode compiled as written (no -ffast-math, no FMA contraction),
and writes OUT/v.npy: v in mV of every neuron at the end of each step,
(steps, neurons).

Usage: cuba_steps.py --in FILE --out DIR --project DIR --steps N
"""

import argparse
import os

import numpy as np
from brian2 import (NeuronGroup, StateMonitor, defaultclock, ms, mV, pA,
                    run, set_device)

import tm
from cuba import EQS, NAMESPACE


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--in', dest='inp', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--project', required=True)
    ap.add_argument('--steps', type=int, required=True)
    args = ap.parse_args()
    set_device('cpp_standalone', directory=args.project)
    tm.cpp_flags(strict=True)
    defaultclock.dt = 0.1 * ms
    x = np.loadtxt(args.inp, delimiter=',', skiprows=1, ndmin=2)
    p = NeuronGroup(len(x), EQS, threshold='v > -50*mV', reset='v = -60*mV',
                    refractory=5 * ms, method='exact', namespace=NAMESPACE)
    p.v = x[:, 0] * mV
    p.ge = x[:, 1] * pA
    p.gi = x[:, 2] * pA
    st = StateMonitor(p, 'v', record=True, when='end')
    run(args.steps * defaultclock.dt)
    os.makedirs(args.out, exist_ok=True)
    np.save(os.path.join(args.out, 'v.npy'), np.asarray(st.v[:] / mV).T.copy())


if __name__ == '__main__':
    main()
