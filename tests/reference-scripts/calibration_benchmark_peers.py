"""Timing of notip / sanssouci's own code on the calibration benchmark of `ari permute --tdp-template` (issue 12):
B = 1,000 sign flips of 30 maps on the 2 mm MNI grid, alpha 0.05.

    PYTHONPATH=/opt/peers/nilearn-0.10.3:/opt/peers/sanssouci.python:/opt/peers/notip \
        /usr/bin/time -v /usr/bin/python3 tests/reference-scripts/calibration_benchmark_peers.py MODE MASK B MAP...

MODE simes: notip's calibrate_simes(X, alpha, k_max=m, B) (sanssouci's get_permuted_p_values_one_sample,
get_pivotal_stats, np.quantile, linear_template), the method of `--tdp-template simes` with Ari's default K = m.
MODE notip: notip's workflow with k_max = 1000 (notip's default): training p-values of B flips sorted column-wise
(get_data_driven_template_two_tasks' np.sort(pval0, axis=0), here on the same data), inference p-values of B flips,
X
Prints one JSON line: mode, m, B, seconds per step (wall) and lambda / the chosen template index.
"""
import json
import sys
import time
import types

import nibabel as nib
import numpy as np

sys.modules.setdefault("tqdm", types.SimpleNamespace(tqdm=lambda x, *a, **k: x))  # notip imports tqdm for progress bars only
import nilearn._utils.niimg  # noqa: E402

# notip f213afb was written for nilearn 0.9 (see calibration_sanssouci_notip.py)
nilearn._utils.niimg._safe_get_data = nilearn._utils.niimg.safe_get_data
import nilearn.reporting.get_clusters_table  # noqa: E402
sys.modules["nilearn.reporting._get_clusters_table"] = sys.modules["nilearn.reporting.get_clusters_table"]
import sanssouci as sa  # noqa: E402
import notip.posthoc_fmri as notip  # noqa: E402

mode, mask_path, B, maps = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
alpha = 0.05
seconds = {}
start = time.time()
mask = nib.load(mask_path).get_fdata() != 0
X = np.stack([np.asarray(nib.load(p).dataobj, dtype=np.float64)[mask] for p in maps])
m = X.shape[1]
seconds["read"] = time.time() - start
result = {"mode": mode, "m": m, "n": X.shape[0], "B": B}
if mode == "simes":
    t = time.time()
    pval0, thresholds = notip.calibrate_simes(X, alpha, k_max=m, B=B, n_jobs=1, seed=0)
    seconds["calibrate_simes"] = time.time() - t
    result["lambda"] = float(thresholds[0] * m)
else:
    k_max = 1000
    t = time.time()
    train = sa.get_permuted_p_values_one_sample(X, B=B, seed=1, n_jobs=1)
    templates = np.sort(train, axis=0)
    del train
    seconds["training_templates"] = time.time() - t
    t = time.time()
    pval0 = sa.get_permuted_p_values_one_sample(X, B=B, seed=0, n_jobs=1)
    seconds["inference_p_values"] = time.time() - t
    t = time.time()
    thresholds = sa.calibrate_jer(alpha, templates, pval0, k_max)
    seconds["calibrate_jer"] = time.time() - t
    result["first_threshold"] = float(thresholds[0])
seconds["total"] = time.time() - start
result["seconds"] = seconds
print(json.dumps(result))
