"""Shared pieces of the Brian2 side of einetc's validation suite.

The equations are those of Brian2's examples/COBAHH.py (Brian2 2.5), the
classic COBAHH benchmark of Brette et al. (2007): a Traub-Miles neuron with
area 20000 um2, Cm 1 uF/cm2, gl 5e-5 S/cm2, El -60 mV, EK -90 mV, ENa 50 mV,
g_na 100 mS/cm2, g_kd 30 mS/cm2, VT -63 mV, conductance synapses with
taue 5 ms, taui 10 ms, we 6 nS, wi 67 nS, Ee 0 mV, Ei -80 mV.

Two spellings of the rate functions are offered:

- "stock": COBAHH.py verbatim, with Brian2's exprel. Brian2's sympy
  processing rewrites exprel(x + constant) as (exp(x + c) - 1)/(x + c) when
  it derives the exponential Euler update (brian-team/brian2#1350), which
  cancels catastrophically near the rates' removable singularities
  (v = VT + 13 mV = -50 mV for alpha_m): relative errors of 1e-5 and more
  when v passes within 1e-4 mV of -50 mV.
- "exact": the same equations with exprel replaced by xrel, a function sympy
  cannot see into, implemented as expm1(x)/x in both numpy and C++, exactly
  as einetc's runtime computes exprel.

Everything is in Brian2's SI units; the scripts convert to einetc's internal
units (mV, ms) when they write their outputs.
"""

import numpy as np
from brian2 import (Equations, Function, check_units, implementation,
                    prefs, cm, ms, msiemens, mV, nS, siemens, ufarad, umetre)

area = 20000 * umetre ** 2
Cm = (1 * ufarad * cm ** -2) * area
gl = (5e-5 * siemens * cm ** -2) * area
El = -60 * mV
EK = -90 * mV
ENa = 50 * mV
g_na = (100 * msiemens * cm ** -2) * area
g_kd = (30 * msiemens * cm ** -2) * area
VT = -63 * mV
taue = 5 * ms
taui = 10 * ms
we = 6 * nS
wi = 67 * nS
Ee = 0 * mV
Ei = -80 * mV


# The membrane equation of COBAHH.py, with an extra constant current I for
# the single-neuron case (0 in the network).
MEMBRANE = ('dv/dt = (gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-g_na*(m*m*m)*h*(v-ENa)'
            '-g_kd*(n*n*n*n)*(v-EK)+I)/Cm : volt\n')
GATES = '''
dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5*mV))/ms*m : 1
dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5.*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
'''
SYNAPSES = '''
dge/dt = -ge*(1./taue) : siemens
dgi/dt = -gi*(1./taui) : siemens
'''

XREL_CPP = '''
static inline double xrel(double x)
{
    if (x == 0.0)
        return 1.0;
    return expm1(x) / x;
}
'''


@implementation('cpp', XREL_CPP)
@check_units(x=1, result=1)
def xrel(x):
    """exprel(x) = (exp(x) - 1)/x as einetc computes it: expm1(x)/x, 1 at 0."""
    x = np.asarray(x, dtype=float)
    safe = np.where(x == 0, 1.0, x)
    return np.where(x == 0, 1.0, np.expm1(x) / safe)


# The namespace every group and synapse of the scripts is created with.
NAMESPACE = dict(area=area, Cm=Cm, gl=gl, El=El, EK=EK, ENa=ENa, g_na=g_na,
                 g_kd=g_kd, VT=VT, taue=taue, taui=taui, we=we, wi=wi, Ee=Ee,
                 Ei=Ei, xrel=xrel)


def equations(rates, network):
    """The Traub-Miles equations.

    rates: "stock" (Brian2's exprel) or "exact" (xrel, see the module doc).
    network: True for COBAHH's ge and gi state variables, False for a single
    neuron driven by a constant current I (ge = gi = 0).
    """
    if rates not in ('stock', 'exact'):
        raise ValueError('rates must be stock or exact, not %r' % rates)
    gates = GATES if rates == 'stock' else GATES.replace('exprel(', 'xrel(')
    if network:
        text = MEMBRANE.replace('+I)', ')') + gates + SYNAPSES
    else:
        text = (MEMBRANE.replace('+ge*(Ee-v)+gi*(Ei-v)', '') + gates +
                'I : amp (constant)\n')
    return Equations(text)


def cpp_flags(strict, build_jobs=2):
    """Compiler settings of the C++ standalone builds.

    strict: compile the code as written (no -ffast-math, no FMA contraction),
    so that Brian2 rounds like the expressions it prints; about four times
    slower than Brian2's default flags (-O3 -ffast-math -march=native), which
    the statistics case keeps."""
    if strict:
        prefs.codegen.cpp.extra_compile_args_gcc = ['-w', '-O2', '-ffp-contract=off']
    prefs.devices.cpp_standalone.extra_make_args_unix = ['-j%d' % build_jobs]


def spike_steps(monitor, dt):
    """(k, 2) int64 array of (step, neuron), sorted by step then neuron.

    Brian2 labels a spike detected while integrating from t to t + dt with
    t, so the step is t/dt."""
    steps = np.round(np.asarray(monitor.t[:] / dt)).astype(np.int64)
    idx = np.asarray(monitor.i[:], dtype=np.int64)
    out = np.column_stack([steps, idx])
    return out[np.lexsort((out[:, 1], out[:, 0]))]
