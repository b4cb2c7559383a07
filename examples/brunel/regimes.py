#!/usr/bin/python3
"""Brunel's four regimes from an einetc sweep: the table and the figure of
docs/analysis.md ("Brunel's regimes").

The sweep (run from the repository root; about 40 single-core minutes on
an idle machine, most of it the SR point):

    einetc sweep -spikes -duration 2s \\
        -grid 'I.weight=-0.3,-0.5,-0.6,-0.45 mV; Ext.rate=20,20,40,9 Hz' \\
        -grid 'seed=1..3' -o out/brunel-regimes examples/brunel/net.ein
    /usr/bin/python3 examples/brunel/regimes.py out/brunel-regimes docs/brunel-regimes.png

prints the markdown table (population P, mean over the seeds and the
smallest-largest value) and draws, for seed 1 of each point, the raster of
neurons 0-299 and the population rate over 400-500 ms.
"""

import csv
import os
import sys

import numpy as np
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt

# (I.weight mV, Ext.rate Hz) -> the paper's figure 8 panel: (name, g, eta)
PANELS = {(-0.3, 20.0): ('A: SR', 3, 2), (-0.6, 40.0): ('B: SI fast', 6, 4),
          (-0.5, 20.0): ('C: AI', 5, 2), (-0.45, 9.0): ('D: SI slow', 4.5, 0.9)}
KEYS = [('mean_rate_hz', 'rate (Hz)', '%.1f'), ('cv_isi', 'CV ISI', '%.2f'),
        ('synchrony_chi', 'χ', '%.2f'), ('segment_chi', 'segment χ', '%.2f'),
        ('spectral_chi', 'spectral χ', '%.2f'), ('spectral_chi_hz', 'at (Hz)', '%.0f'),
        ('psd_peak_rel_power', 'PSD peak share', '%.2f')]


def cell(vals, fmt):
    m = fmt % np.mean(vals)
    lo, hi = fmt % min(vals), fmt % max(vals)
    return m if lo == hi else '%s (%s–%s)' % (m, lo, hi)


def main(sweep, png):
    rows = list(csv.DictReader(open(os.path.join(sweep, 'sweep.csv'))))
    points = {}
    for r in rows:
        k = (float(r['I.weight (mV)']), float(r['Ext.rate (Hz)']))
        points.setdefault(k, []).append(r)
    order = sorted(points, key=lambda k: PANELS[k][0])
    print('| panel | g | η | ' + ' | '.join(k[1] for k in KEYS) + ' | regime (seeds) |')
    print('|---' * (len(KEYS) + 4) + '|')
    for k in order:
        name, g, eta = PANELS[k]
        rs = points[k]
        cells = [cell([float(r['P.' + key]) for r in rs], fmt) for key, _, fmt in KEYS]
        labels = [r['P.regime'] for r in rs]
        regimes = ', '.join('%s ×%d' % (l, labels.count(l)) for l in sorted(set(labels)))
        print('| %s | %g | %g | %s | %s |' % (name, g, eta, ' | '.join(cells), regimes))

    fig, axes = plt.subplots(4, 2, figsize=(10, 9), gridspec_kw={'height_ratios': [3, 1, 3, 1]})
    for n, k in enumerate(order):
        r = min(points[k], key=lambda r: int(r['seed']))
        d = os.path.join(sweep, 'points', r['point'] if 'point' in r else r['id'], 'spikes.csv')
        sp = np.loadtxt(d, delimiter=',', skiprows=1, ndmin=2)
        sp = sp[(sp[:, 1] < 12500) & (sp[:, 0] >= 400) & (sp[:, 0] < 500)]
        ax, ar = axes[2 * (n // 2), n % 2], axes[2 * (n // 2) + 1, n % 2]
        sel = sp[sp[:, 1] < 300]
        ax.plot(sel[:, 0], sel[:, 1], '|', ms=2, color='k')
        ax.set_xlim(400, 500)
        ax.set_ylim(0, 300)
        ax.set_xticks([])
        name, g, eta = PANELS[k]
        letter, paper = name.split(': ')
        ax.set_title('%s (g = %g, η = %g): paper %s, einetc %s' % (letter, g, eta, paper, r['P.regime']), fontsize=10)
        ax.set_ylabel('neuron')
        counts, edges = np.histogram(sp[:, 0], bins=np.arange(400, 500.01, 0.5))
        ar.plot(edges[:-1], counts / 12500 / 0.5e-3, lw=0.7, color='C0')
        ar.set_xlim(400, 500)
        ar.set_ylabel('rate (Hz)')
        ar.set_xlabel('t (ms)')
    fig.tight_layout()
    fig.savefig(png, dpi=90)


if __name__ == '__main__':
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
