"""Expected values for Ari's permutation-calibrated critical vectors, computed with sanssouci and notip.

sanssouci.python (github.com/sanssouci-org/sanssouci.python, commit 71b6867) and Notip
(github.com/alexblnn/Notip, commit f213afb) are used from checkouts outside the repository, with Debian's
numpy 1.24 / scipy 1.10 / scikit-learn / joblib and nilearn 0.10.3 (notip imports it):

    PYTHONPATH=/opt/peers/nilearn-0.10.3:/opt/peers/sanssouci.python:/opt/peers/notip \
        /usr/bin/python3 tests/reference-scripts/calibration_sanssouci_notip.py tests/Ari.Tests/Inference/Calibration

Both sides use the same explicit sign-flip tables: the data and the tables are written here
(calibration_data_*.tsv, flips_*.tsv, row 0 of the inference table the identity as pARI has it) and Ari's test
reads them. The peers' own random flips (get_permuted_p_values_one_sample) are replaced by these tables: notip's
calibrate_simes is run with sanssouci's get_permuted_p_values_one_sample patched to return the table's p-values.
Everything else is the peers' code: get_pivotal_stats, np.quantile, linear_template, calibrate_jer,
estimate_jer, min_tp.
"""
import json
import sys
import types
import warnings

import numpy as np
from scipy import ndimage, stats

sys.modules.setdefault("tqdm", types.SimpleNamespace(tqdm=lambda x, *a, **k: x))  # notip imports tqdm for progress bars only
import nilearn._utils.niimg  # noqa: E402

# notip f213afb was written for nilearn 0.9, which named safe_get_data with a leading underscore
# and kept _local_max in nilearn.reporting._get_clusters_table (0.10: nilearn.reporting.get_clusters_table)
nilearn._utils.niimg._safe_get_data = nilearn._utils.niimg.safe_get_data
import nilearn.reporting.get_clusters_table  # noqa: E402
sys.modules["nilearn.reporting._get_clusters_table"] = sys.modules["nilearn.reporting.get_clusters_table"]
import sanssouci as sa  # noqa: E402
import sanssouci.lambda_calibration  # noqa: E402,F401
import notip.posthoc_fmri as notip  # noqa: E402

out = sys.argv[1]
rng = np.random.default_rng(20261129)
n, m = 12, 400


def make_data(effects):
    noise = ndimage.gaussian_filter1d(rng.standard_normal((n, m)), sigma=2.0, axis=1)
    noise /= noise.std()
    return noise + effects[None, :]


signal = np.zeros(m)
signal[0:40] = 1.0
signal[200:230] = 0.6
datasets = {"signal": make_data(signal), "noise": make_data(np.zeros(m))}

B, B_train = 200, 200
flips = np.where(rng.random((B, n)) < 0.5, -1, 1)
flips[0] = 1  # the identity, as pARI puts the observed statistics first
flips_train = np.where(rng.random((B_train, n)) < 0.5, -1, 1)
flips_small = flips_train[:6]  # a few training permutations: templates too tight, notip falls back to Simes

for name, X in datasets.items():
    np.savetxt(f"{out}/calibration_data_{name}.tsv", X, delimiter="\t", fmt="%r")
np.savetxt(f"{out}/flips_inference.tsv", flips, delimiter="\t", fmt="%d")
np.savetxt(f"{out}/flips_training.tsv", flips_train, delimiter="\t", fmt="%d")


def pvalues(X, table, sided):
    """Row b: p-values of scipy's one-sample t test of the data with signs table[b] (unsorted)."""
    rows = []
    for eps in table:
        res = stats.ttest_1samp(X * eps[:, None], 0)
        rows.append(res.pvalue if sided == "two" else stats.t.sf(res.statistic, n - 1))
    return np.array(rows)


sets = {f"top{s}": ("top", s) for s in (5, 10, 25, 50, 100, 200, 400)}
sets.update({"range0_40": ("range", 0, 40), "range30_80": ("range", 30, 80), "range180_260": ("range", 180, 260),
             "range100_300": ("range", 100, 300)})


def members(p_obs, spec):
    if spec[0] == "top":
        return np.argsort(p_obs, kind="stable")[: spec[1]]
    return np.arange(spec[1], spec[2])


cases = [
    dict(name="signal_a05_kall", data="signal", alpha=0.05, k_max=m, sided="two", train="training"),
    dict(name="signal_a05_k20", data="signal", alpha=0.05, k_max=20, sided="two", train="training"),
    dict(name="signal_a10_k50", data="signal", alpha=0.10, k_max=50, sided="two", train="training"),
    dict(name="signal_a05_k100_onesided", data="signal", alpha=0.05, k_max=100, sided="one", train="training"),
    dict(name="noise_a05_kall", data="noise", alpha=0.05, k_max=m, sided="two", train="training"),
    dict(name="signal_a05_kall_fallback", data="signal", alpha=0.05, k_max=m, sided="two", train="small"),
]
results = []
for case in cases:
    X = datasets[case["data"]]
    alpha, k_max = case["alpha"], case["k_max"]
    p_all = pvalues(X, flips, case["sided"])
    p_obs = p_all[0]
    pval0 = np.sort(p_all, axis=1)

    # notip's calibrate_simes with the explicit table instead of random flips
    sa_perm = sa.get_permuted_p_values_one_sample
    notip.sa.get_permuted_p_values_one_sample = lambda *a, **k: np.sort(p_all, axis=1)
    try:
        pval0_notip, simes_thr = notip.calibrate_simes(X, alpha, k_max=k_max, B=B)
    finally:
        notip.sa.get_permuted_p_values_one_sample = sa_perm
    piv = sa.get_pivotal_stats(pval0, K=k_max)
    lam = np.quantile(piv, alpha)
    assert np.array_equal(simes_thr, sa.linear_template(lam, k_max, m))

    train_table = flips_train if case["train"] == "training" else flips_small
    learned = np.sort(np.sort(pvalues(X, train_table, case["sided"]), axis=1), axis=0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        notip_thr = np.asarray(sa.calibrate_jer(alpha, learned, pval0, k_max))
    fallback = any("Simes is used instead" in str(w.message) for w in caught)
    index = None
    if not fallback:
        hits = [j for j in range(learned.shape[0]) if np.array_equal(learned[j][:k_max], notip_thr)]
        index = hits[-1]
    bounds = {}
    for set_name, spec in sets.items():
        idx = members(p_obs, spec)
        bounds[set_name] = {
            "members": idx.tolist(),
            "simes": int(sa.min_tp(p_obs[idx], simes_thr)),
            "notip": int(sa.min_tp(p_obs[idx], notip_thr)),
        }
    results.append(dict(case, B=B, B_train=len(train_table), m=m, n=n, p_observed=p_obs.tolist(),
                        pivotal=piv.tolist(), **{"lambda": float(lam)}, simes_thresholds=simes_thr.tolist(),
                        notip_thresholds=notip_thr.tolist(), notip_fallback=fallback, notip_index=index,
                        notip_jer=float(sa.lambda_calibration.estimate_jer(notip_thr, pval0, k_max)), bounds=bounds))

with open(f"{out}/calibration_sanssouci_notip.json", "w") as f:
    json.dump(dict(source="sanssouci.python 71b6867, notip f213afb; tests/reference-scripts/calibration_sanssouci_notip.py",
                   cases=results), f, indent=None)
    f.write("\n")
print("\n".join(f"{r['name']}: lambda={r['lambda']:.6g} fallback={r['notip_fallback']} index={r['notip_index']} "
                f"jer={r['notip_jer']}" for r in results))
