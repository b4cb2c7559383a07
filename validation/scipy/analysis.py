"""An independent implementation of einetc's network-state analysis.

Usage: analysis.py config.json > results.json

config.json names a spikes.csv written by `einetc run`, the analysis
parameters (as summary.json records them) and the groups, each with the
neuron pairs of its pairwise correlation (the sample is drawn by the Go
package; the correlation itself is computed here). The output has one object
per group with the keys of summary.json's "analysis" objects.

Everything is computed the direct way, with dense arrays (one row of bins per
neuron) and numpy/scipy: the filtered trains of chi with
scipy.signal.lfilter, the spectrum with scipy.signal.welch, correlations with
numpy.corrcoef. The Go package computes the same quantities in memory
proportional to the spikes (closed forms between spikes, merged sparse
counts), so agreement checks both the definitions and the shortcuts.
"""
import json
import sys

import numpy as np
import scipy.signal


def bins_of(t, frm, w):
    return np.floor((t - frm) / w).astype(np.int64)


def dense_counts(ii, tt, n, frm, w, nb):
    """counts[i, b]: spikes of neuron i in bin b (whole bins only)."""
    b = bins_of(tt, frm, w)
    keep = b < nb
    c = np.zeros((n, nb))
    np.add.at(c, (ii[keep], b[keep]), 1)
    return c


def bursts(ts, max_isi, min_spikes):
    """Number of bursts and spikes in them: runs of >= min_spikes spikes
    whose successive intervals are all <= max_isi."""
    short = np.diff(ts) <= max_isi
    n = spikes = 0
    run = 1
    for s in short:
        if s:
            run += 1
        else:
            if run >= min_spikes:
                n, spikes = n + 1, spikes + run
            run = 1
    if run >= min_spikes:
        n, spikes = n + 1, spikes + run
    return n, spikes


def regime(r, p):
    rate = r["mean_rate_hz"]
    if not rate >= p["silent_rate_hz"]:
        return "silent"
    floor = p["sync_null_factor"] / np.sqrt(r["neurons"])
    sync = ((r["segment_chi"] is not None and r["segment_chi"] >= max(p["sync_chi"], floor))
            or (r["spectral_chi"] is not None and r["spectral_chi"] >= max(p["sync_spectral_chi"], floor)))
    regular = (r["cv_isi"] is not None and r["cv_isi"] < p["regular_cv"]
               and r["cv_isi_intervals"] >= p["regular_min_isis"])
    if not sync and rate >= p["saturated_rate_hz"]:
        return "saturated"
    return ("S" if sync else "A") + ("R" if regular else "I")


def analyze(t, neuron, first, n, pairs, p):
    frm, to = p["from_ms"], p["to_ms"]
    sel = (neuron >= first) & (neuron < first + n) & (t >= frm) & (t < to)
    tt, ii = t[sel], neuron[sel] - first
    win_s = (to - frm) / 1000
    counts = np.bincount(ii, minlength=n)
    rates = counts / win_s
    r = {"neurons": n, "spikes": int(len(tt))}
    r["mean_rate_hz"] = float(rates.mean())
    r["median_rate_hz"] = float(np.median(rates))
    r["silent_fraction"] = float(np.mean(counts == 0))

    order = np.lexsort((tt, ii))
    trains = np.split(tt[order], np.cumsum(counts)[:-1])
    cvs, lvs, nisi, nb_, sb_ = [], [], 0, 0, 0
    for ts in trains:
        if len(ts) >= 3:
            isi = np.diff(ts)
            cvs.append(isi.std() / isi.mean())
            nisi += len(isi)
            lvs.append(3 * np.mean(((isi[:-1] - isi[1:]) / (isi[:-1] + isi[1:])) ** 2))
        max_isi = p["burst_max_isi_ms"]
        if len(ts) >= 2:
            max_isi = min(max_isi, p["burst_rel_isi"] * (ts[-1] - ts[0]) / (len(ts) - 1))
        k, s = bursts(ts, max_isi, p["burst_min_spikes"])
        nb_, sb_ = nb_ + k, sb_ + s
    r["cv_isi"] = float(np.mean(cvs)) if cvs else None
    r["cv_isi_neurons"] = len(cvs)
    r["cv_isi_intervals"] = nisi / len(cvs) if cvs else None
    r["lv"] = float(np.mean(lvs)) if lvs else None
    r["bursts"] = nb_
    r["burst_fraction"] = sb_ / len(tt) if len(tt) else None

    # Spike counts per count bin: Fano factor of the group, pair correlations.
    nbc = int(np.floor((to - frm) / p["count_bin_ms"]))
    cc = dense_counts(ii, tt, n, frm, p["count_bin_ms"], nbc)
    g = cc.sum(axis=0)
    r["fano_factor"] = float(g.var() / g.mean()) if nbc >= 2 and g.mean() > 0 else None
    corrs = []
    for i, j in pairs:
        if cc[i].std() > 0 and cc[j].std() > 0:
            corrs.append(np.corrcoef(cc[i], cc[j])[0, 1])
    r["pairwise_corr"] = float(np.mean(corrs)) if corrs else None
    r["pairwise_corr_pairs"] = len(corrs)

    # Rate bins: chi on exponentially filtered trains, the Welch spectrum of
    # the population rate, population bursts.
    w = p["bin_ms"]
    nb = int(np.floor((to - frm) / w))
    c = dense_counts(ii, tt, n, frm, w, nb)
    a = np.exp(-w / p["chi_tau_ms"])
    x = scipy.signal.lfilter([1.0], [1.0, -a], c, axis=1)
    denom = x.var(axis=1).mean()
    r["synchrony_chi"] = float(np.sqrt(min(1.0, x.mean(axis=0).var() / denom))) if nb >= 2 and denom > 0 else None
    pop = c.sum(axis=0)
    rate = pop * 1000 / (n * w)
    if nb >= 8:
        seg = min(p["welch_segment_bins"], nb)
        f, psd = scipy.signal.welch(rate, fs=1000 / w, window="hann", nperseg=seg, noverlap=seg // 2,
                                    detrend="constant", scaling="density")
        k = 1 + int(np.argmax(psd[1:]))
        total = psd[1:].sum()
        if total > 0:
            r["psd_peak_hz"] = float(f[k])
            r["psd_peak_rel_power"] = float(psd[max(1, k - 1):k + 2].sum() / total)
        else:
            r["psd_peak_hz"] = r["psd_peak_rel_power"] = None
        # chi resolved in frequency: the share of the neurons' own power at
        # f that they have in common, over three bins, at its largest.
        kw = dict(fs=1000 / w, window="hann", nperseg=seg, noverlap=seg // 2, detrend="constant", scaling="density")
        _, own = scipy.signal.welch(c, axis=1, **kw)
        _, shared = scipy.signal.welch(pop, **kw)
        own = own.sum(axis=0)
        best, r["spectral_chi"], r["spectral_chi_hz"] = -1.0, None, None
        for k in range(1, len(f)):
            num, den = shared[max(1, k - 1):k + 2].sum(), own[max(1, k - 1):k + 2].sum()
            if den > 0 and num / den > best:
                best, r["spectral_chi_hz"] = num / den, float(f[k])
        if best >= 0:
            r["spectral_chi"] = float(np.sqrt(min(1.0, best / n)))
        # chi from the spectra, weighted by the power gain of chi's filter:
        # chi without the drift slower than a Welch segment.
        h = 1 / (1 - 2 * a * np.cos(2 * np.pi * f[1:] * w / 1000) + a * a)
        den = (h * own[1:]).sum()
        r["segment_chi"] = float(np.sqrt(min(1.0, (h * shared[1:]).sum() / den / n))) if den > 0 else None
    else:
        r["psd_peak_hz"] = r["psd_peak_rel_power"] = None
        r["spectral_chi"] = r["spectral_chi_hz"] = r["segment_chi"] = None
    mu = pop.mean()
    theta = max(p["pop_burst_factor"] * mu, mu + p["pop_burst_z"] * np.sqrt(mu))
    above = pop > theta
    events = int(np.sum(above & ~np.concatenate(([False], above[:-1]))))
    r["population_burst_rate_hz"] = events / (nb * w / 1000)
    r["regime"] = regime(r, p)
    return r


def main():
    cfg = json.load(open(sys.argv[1]))
    data = np.loadtxt(cfg["spikes"], delimiter=",", skiprows=1, ndmin=2)
    t, neuron = data[:, 0], data[:, 1].astype(np.int64)
    out = {}
    for grp in cfg["groups"]:
        out[grp["name"]] = analyze(t, neuron, grp["first"], grp["n"], grp["pairs"], cfg["params"])
    json.dump(out, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
