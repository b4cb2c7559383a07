#!/usr/bin/python3
"""Brian2 C++ standalone COBAHH (or COBA LIF), timed like einetc's benchmark.

The model is Brian2's own examples/COBAHH.py (Brette et al. 2007, benchmark
3): exponential Euler, threshold v > -20 mV, refractory 3 ms, dt 0.1 ms, with
N neurons split 80/20 into excitatory and inhibitory and a connection
probability of 80/N, so that every neuron keeps about 80 inputs as at
N = 4000 (p = 0.02).

What is timed is Brian2's own measurement of Network::run in the generated
main (results/last_run_info.txt, which the device reports as
_last_run_time): the simulation loop only, measured with std::clock() (CPU
time of the process) without OpenMP and omp_get_wtime() (wall clock) with
it. Python code generation, the g++ build, and the initialisation in main
(connectivity, initial values) are excluded; the build is timed separately
(codegen_seconds, compile_seconds; cached is true when -dir held an
up-to-date build). The standalone binary is run through /usr/bin/time, so
its peak RSS is that of the simulation alone, neither g++'s nor Python's.
With -repeat k the binary is run k times and the median is reported.

With -model coba it declares instead benchmark 1 of Brette et al. (2007),
the COBA LIF network, as examples/coba/net.ein and validation/brian/coba.py
write it (exponential Euler, v > -50 mV, reset -60 mV, 5 ms refractory
with v frozen, exponential conductances, p = 80/N).

Usage (Debian's interpreter, which has Brian2):

    /usr/bin/python3 bench/brian2_cobahh.py -n 4000 -duration 100 -threads 1

prints one JSON object on stdout. -threads 1 builds without OpenMP
(openmp_threads = 0); -threads k > 1 builds with k OpenMP threads.
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=4000, help="number of neurons")
    ap.add_argument("-duration", type=float, default=100.0,
                    help="simulated time in ms")
    ap.add_argument("-threads", type=int, default=1,
                    help="1: no OpenMP; k > 1: k OpenMP threads")
    ap.add_argument("-dir", default="",
                    help="project directory (default: a temporary one, removed)")
    ap.add_argument("-seed", type=int, default=1)
    ap.add_argument("-model", choices=("cobahh", "coba"), default="cobahh",
                    help="the network: COBAHH (default) or the COBA LIF")
    ap.add_argument("-profile", action="store_true",
                    help="also report Brian2's time per code object "
                         "(profile=True; not used for the timing)")
    ap.add_argument("-repeat", type=int, default=1,
                    help="run the binary this many times; report the median")
    ap.add_argument("-keep", action="store_true",
                    help="keep the temporary project directory")
    return ap.parse_args()


def build_network(n):
    """Declares Brian2's examples/COBAHH.py at n neurons."""
    from brian2 import (umetre, ufarad, cm, siemens, msiemens, mV, ms, nS,
                        Equations, NeuronGroup, Synapses, SpikeMonitor)
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
    Ee = 0 * mV
    Ei = -80 * mV
    we = 6 * nS
    wi = 67 * nS
    eqs = Equations('''
    dv/dt = (gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-
             g_na*(m*m*m)*h*(v-ENa)-
             g_kd*(n*n*n*n)*(v-EK))/Cm : volt
    dm/dt = alpha_m*(1-m)-beta_m*m : 1
    dn/dt = alpha_n*(1-n)-beta_n*n : 1
    dh/dt = alpha_h*(1-h)-beta_h*h : 1
    dge/dt = -ge*(1./taue) : siemens
    dgi/dt = -gi*(1./taui) : siemens
    alpha_m = 0.32*(mV**-1)*(13*mV-v+VT)/
             (exp((13*mV-v+VT)/(4*mV))-1.)/ms : Hz
    beta_m = 0.28*(mV**-1)*(v-VT-40*mV)/
            (exp((v-VT-40*mV)/(5*mV))-1)/ms : Hz
    alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
    beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
    alpha_n = 0.032*(mV**-1)*(15*mV-v+VT)/
             (exp((15*mV-v+VT)/(5*mV))-1.)/ms : Hz
    beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
    ''')
    ns = dict(area=area, Cm=Cm, gl=gl, El=El, EK=EK, ENa=ENa, g_na=g_na,
              g_kd=g_kd, VT=VT, taue=taue, taui=taui, Ee=Ee, Ei=Ei, we=we,
              wi=wi)
    ne = n * 4 // 5
    p = 80.0 / n  # 0.02 at n = 4000
    P = NeuronGroup(n, model=eqs, threshold='v>-20*mV', refractory=3 * ms,
                    method='exponential_euler', namespace=ns)
    Pe = P[:ne]
    Pi = P[ne:]
    Ce = Synapses(Pe, P, on_pre='ge+=we', namespace=ns)
    Ci = Synapses(Pi, P, on_pre='gi+=wi', namespace=ns)
    Ce.connect(p=p)
    Ci.connect(p=p)
    P.v = 'El + (randn() * 5 - 5)*mV'
    P.ge = '(randn() * 1.5 + 4) * 10.*nS'
    P.gi = '(randn() * 12 + 20) * 10.*nS'
    # A spike counter (no spike times): its cost is per spike, negligible
    # next to the per-neuron update, and it gives the rate as a sanity check.
    mon = SpikeMonitor(P, record=False)
    return P, Ce, Ci, mon


def build_coba(n):
    """Declares the COBA LIF benchmark (examples/coba/net.ein) at n neurons."""
    from brian2 import ms, mV, nS, pF, NeuronGroup, Synapses, SpikeMonitor
    ns = {'taum': 20 * ms, 'El': -60 * mV, 'C': 200 * pF, 'Ee': 0 * mV,
          'Ei': -80 * mV, 'taue': 5 * ms, 'taui': 10 * ms,
          'we': 6 * nS, 'wi': 67 * nS}
    eqs = '''
    dv/dt  = (El - v)/taum + (ge*(Ee - v) + gi*(Ei - v))/C : volt (unless refractory)
    dge/dt = -ge/taue : siemens
    dgi/dt = -gi/taui : siemens
    '''
    ne = n * 4 // 5
    p = 80.0 / n  # 0.02 at n = 4000
    P = NeuronGroup(n, eqs, threshold='v > -50*mV', reset='v = -60*mV',
                    refractory=5 * ms, method='exponential_euler', namespace=ns)
    Ce = Synapses(P[:ne], P, on_pre='ge += we', namespace=ns)
    Ci = Synapses(P[ne:], P, on_pre='gi += wi', namespace=ns)
    Ce.connect(p=p)
    Ci.connect(p=p)
    P.v = '(randn() * 5 - 65) * mV'
    P.ge = '(randn() * 15 + 40) * nS'
    P.gi = '(randn() * 120 + 200) * nS'
    mon = SpikeMonitor(P, record=False)
    return P, Ce, Ci, mon


def run_binary(directory):
    """Runs the standalone main in directory once.

    Returns the seconds of Network::run and the peak RSS of main in KiB.
    main is started through /usr/bin/time, which forks it from its own small
    process: a child forked straight from this Python process would report
    Python's resident set as its peak (Linux carries the high-water mark of
    the forked address space across exec).
    """
    import subprocess
    from brian2 import prefs
    cmd = prefs.devices.cpp_standalone.run_cmd_unix
    if isinstance(cmd, str):
        cmd = [cmd]
    results = os.path.join(directory, "results")
    rss_file = os.path.join(results, "maxrss.txt")
    with open(os.path.join(results, "stdout.txt"), "w") as out:
        code = subprocess.call(["/usr/bin/time", "-f", "%M", "-o", rss_file]
                               + cmd, cwd=directory, stdout=out,
                               stderr=subprocess.STDOUT)
    if code != 0:
        with open(os.path.join(results, "stdout.txt")) as f:
            sys.stderr.write(f.read())
        raise RuntimeError(f"standalone run failed with status {code}")
    with open(rss_file) as f:
        rss_kib = int(f.read().split()[-1])
    with open(os.path.join(results, "last_run_info.txt")) as f:
        run_s, fraction = (float(x) for x in f.read().split())
    if fraction != 1.0:
        raise RuntimeError(f"run completed only {fraction} of its duration")
    return run_s, rss_kib


def read_profile(directory):
    """Returns the seconds per code object of the last run, largest first."""
    prof = {}
    with open(os.path.join(directory, "results", "profiling_info.txt")) as f:
        for line in f:
            fields = line.split()
            if len(fields) == 2:
                prof[fields[0]] = float(fields[1])
    return dict(sorted(prof.items(), key=lambda kv: -kv[1]))


def main():
    args = parse_args()
    directory = args.dir or tempfile.mkdtemp(prefix="einetc-brian2-")
    t0 = time.perf_counter()
    import brian2 as b2
    from brian2 import set_device, get_device, prefs, defaultclock, ms, run, seed
    import_s = time.perf_counter() - t0

    set_device('cpp_standalone', directory=directory, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = (
        0 if args.threads <= 1 else args.threads)
    defaultclock.dt = 0.1 * ms
    seed(args.seed)
    t0 = time.perf_counter()
    build = build_coba if args.model == "coba" else build_network
    P, Ce, Ci, mon = build(args.n)
    run(args.duration * ms, profile=args.profile)
    device = get_device()
    binary = os.path.join(directory, "main")
    before = os.path.getmtime(binary) if os.path.exists(binary) else None
    device.build(directory=directory, compile=True, run=False,
                 with_output=False)
    build_s = time.perf_counter() - t0
    # Brian2 generates code in run() and build(), then runs make (g++).
    make_s = sum(device.timers["compile"].get(k) or 0.0
                 for k in ("clean", "make"))
    cached = before is not None and os.path.getmtime(binary) == before

    os.makedirs(os.path.join(directory, "results"), exist_ok=True)
    runs = [run_binary(directory) for _ in range(max(1, args.repeat))]
    times = sorted(r[0] for r in runs)
    run_s = statistics.median(times)
    rss_kib = max(r[1] for r in runs)
    device.has_been_run = True  # lets Brian2 read the results from disk
    spikes = int(mon.num_spikes)
    synapses = int(len(Ce) + len(Ci))

    steps = int(round(args.duration / 0.1))
    result = {
        "simulator": "brian2",
        "model": args.model,
        "version": b2.__version__,
        "mode": "cpp_standalone",
        "threads": args.threads,
        "n": args.n,
        "steps": steps,
        "run_seconds": run_s,
        "run_seconds_all": times,
        "ns_per_neuron_step": run_s * 1e9 / (args.n * steps),
        "peak_rss_mib": rss_kib / 1024.0,
        "codegen_seconds": build_s - make_s,
        "compile_seconds": make_s,
        "cached": cached,
        "import_seconds": import_s,
        "spikes": spikes,
        "rate_hz": spikes / args.n / (args.duration / 1000.0),
        "synapses": synapses,
    }
    if args.profile:
        result["profile_seconds"] = read_profile(directory)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    if not args.dir and not args.keep:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
