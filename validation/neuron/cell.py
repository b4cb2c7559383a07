"""One compartment in NEURON, fixed step: the reference of validation's
TestNEURON (neuron_test.go).

    python3 cell.py --lib DIR/x86_64/.libs/libnrnmech.so --mechs hh52,leak \
        --area 10000 --celsius 6.3 --ions na=50,k=-77 --amp 0.1 \
        --dt 0.025 --tstop 200 --v0 -65 --out v.csv

writes v (mV) at t = 0, dt, 2 dt, ... tstop, one value per line (and, with
--record Ach_trel --record-out F, that state to F). The
section is a cylinder with L = diam = sqrt(area/pi) um (area in um2, no end
caps), cm = 1 uF/cm2, a constant IClamp of amp nA from t = 0; NEURON's
default fixed-step scheme (secondorder = 0, CVode off): backward Euler for v,
then each mechanism's states with the new v. Tables are turned off
(usetable_<suffix> = 0) so that rates are computed exactly, as einetc does,
unless --usetable keeps them (NEURON's default).
"""
import argparse
import math

from neuron import h


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lib", required=True)
    ap.add_argument("--mechs", required=True)
    ap.add_argument("--area", type=float, required=True)
    ap.add_argument("--celsius", type=float, required=True)
    ap.add_argument("--ions", default="")
    ap.add_argument("--amp", type=float, required=True)
    ap.add_argument("--dt", type=float, required=True)
    ap.add_argument("--tstop", type=float, required=True)
    ap.add_argument("--v0", type=float, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--set", action="append", default=[], help="NAME_MECH=VALUE, a parameter in its .mod unit")
    ap.add_argument("--record", default="", help="NAME_MECH, a state also recorded, to --record-out")
    ap.add_argument("--record-out", default="")
    ap.add_argument("--usetable", action="store_true", help="keep the .mod files' TABLEs (NEURON's default)")
    a = ap.parse_args()

    h.nrn_load_dll(a.lib)
    soma = h.Section(name="soma")
    soma.nseg = 1
    soma.L = soma.diam = math.sqrt(a.area / math.pi)
    soma.cm = 1
    for m in a.mechs.split(","):
        soma.insert(m)
        name = "usetable_" + m
        if hasattr(h, name):
            setattr(h, name, 1 if a.usetable else 0)
    for kv in filter(None, a.ions.split(",")):
        ion, e = kv.split("=")
        setattr(soma, "e" + ion, float(e))
    for kv in a.set:
        name, value = kv.split("=")
        setattr(soma, name, float(value))
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 0, 1e9, a.amp

    h.celsius = a.celsius
    h.secondorder = 0
    h.CVode().active(0)
    h.dt = a.dt
    h.finitialize(a.v0)
    # finitialize may reset the reversal potentials from concentrations;
    # set them again, as the einetc model declares them.
    for kv in filter(None, a.ions.split(",")):
        ion, e = kv.split("=")
        setattr(soma, "e" + ion, float(e))
    n = int(round(a.tstop / a.dt))
    seg = soma(0.5)
    vs = [seg.v]
    rs = [getattr(seg, a.record)] if a.record else []
    for _ in range(n):
        h.fadvance()
        vs.append(seg.v)
        if a.record:
            rs.append(getattr(seg, a.record))
    with open(a.out, "w") as f:
        f.write("\n".join(repr(v) for v in vs) + "\n")
    if a.record:
        with open(a.record_out, "w") as f:
            f.write("\n".join(repr(r) for r in rs) + "\n")


if __name__ == "__main__":
    main()
