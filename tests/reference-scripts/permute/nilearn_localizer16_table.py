"""Compact reference tables from nilearn 0.10.3's 10,000-permutation run on localizer16 (nilearn_localizer16.py),
for the distributional agreement test of `ari permute` (tests/Ari.Tests/Permutation/NilearnAgreementTests.cs).
nilearn's maps are not committed; only:

  nilearn_localizer16_null.tsv    order statistics of nilearn's h0 maxima (identity excluded, n_perm of them) at
                                  ranks 1, s, 2s, ..., n, s = n // 1000 (all for n < 2,000; every 10th for 10,000),
                                  a column per measure: max_t, max_size, max_mass, max_tfce
  nilearn_localizer16_voxels.tsv  per compared voxel: measure, i, j, k (grid indices), stat (nilearn's observed
                                  statistic: t, TFCE, or the size / mass of the voxel's cluster), logp (nilearn's
                                  -log10 p map), count = #{h0 >= stat}, n_perm

Voxels compared: for t and TFCE, up to 300 voxels among those with p < 1 (nilearn's statistic at least the smallest
null maximum): for 300 targets evenly spaced in -log10 p, the voxel at or just above each (ties broken by a seeded
shuffle; duplicates dropped), so every p level is represented; for size and mass, the peak voxel of every cluster of nilearn's t > threshold (one row per cluster).
The script checks that nilearn's own logp maps are exactly its p conventions applied to these counts
(t, TFCE: (1 + count) / (1 + n_perm); size, mass: null_to_p, count / n_perm clipped to [1/n, 1 - 1/n]).

Run from the repository root, after nilearn_localizer16.py 10000 DIR:
    PYTHONPATH=/opt/peers/nilearn-0.10.3 /usr/bin/python3 tests/reference-scripts/permute/nilearn_localizer16_table.py DIR tests/Ari.Tests/Permutation
"""
import json
import sys

import nibabel as nib
import numpy as np
import pandas as pd
from scipy import ndimage, stats

src, out = sys.argv[1], sys.argv[2]
h0 = pd.read_csv(f"{src}/nilearn_h0.tsv", sep="\t")
n = len(h0)
measures = ["t", "size", "mass", "tfce"]

# order statistics at ranks 1, s, 2s, ..., n with s = n // 1000 (every one up to 2,000 permutations)
step = max(1, n // 1000)
ranks = sorted(set([1] + list(range(step, n + 1, step)) + [n]))
null = pd.DataFrame({"rank": ranks})
for m in measures:
    values = np.sort(h0[f"max_{m}"].to_numpy())
    null[f"max_{m}"] = values[np.array(ranks) - 1]
null.to_csv(f"{out}/nilearn_localizer16_null.tsv", sep="\t", index=False, float_format="%.10g")

t_img = nib.load(f"{src}/nilearn_t.nii.gz")
t = t_img.get_fdata()
inside = t != 0
maps = {m: nib.load(f"{src}/nilearn_logp_max_{m}.nii.gz").get_fdata() for m in measures}
stat = {"t": t, "tfce": nib.load(f"{src}/nilearn_tfce.nii.gz").get_fdata()}

# clusters of nilearn's t map at its threshold (one-sided, p < 0.001, dof 15), faces connectivity as nilearn
threshold_t = stats.t.isf(0.001, df=15)
labels, n_clusters = ndimage.label(t > threshold_t, ndimage.generate_binary_structure(3, 1))
size = np.zeros_like(t)
mass = np.zeros_like(t)
peaks = []
for c in range(1, n_clusters + 1):
    where = labels == c
    size[where] = where.sum()
    mass[where] = np.sum(t[where] - threshold_t)
    flat = np.argmax(np.where(where, t, -np.inf))
    peaks.append(np.unravel_index(flat, t.shape))
stat["size"], stat["mass"] = size, mass

rng = np.random.default_rng(0)
rows = []
for m in measures:
    null_m = np.sort(h0[f"max_{m}"].to_numpy())
    if m in ("t", "tfce"):
        candidates = np.argwhere(inside & (stat[m] >= null_m[0]))
        logp = maps[m][tuple(candidates.T)]
        order = np.lexsort((rng.random(len(logp)), logp))
        # 300 targets evenly spaced in -log10 p; for each, the first voxel (random within ties) at or above it
        targets = np.linspace(logp.min(), logp.max(), 300)
        pick = np.unique(np.minimum(np.searchsorted(logp[order], targets, side="left"), len(order) - 1))
        voxels = [tuple(candidates[order[p]]) for p in pick]
    else:
        voxels = peaks
    for v in voxels:
        s = stat[m][v]
        count = int(n - np.searchsorted(null_m, s, side="left"))
        logp = maps[m][v]
        if m in ("t", "tfce"):
            expected = -np.log10((1 + count) / (1 + n))
        else:
            expected = -np.log10(np.clip(count / n, 1 / n, 1 - 1 / n))
        assert abs(logp - expected) < 1e-9, (m, v, s, logp, expected)
        rows.append({"measure": m, "i": v[0], "j": v[1], "k": v[2], "stat": s, "logp": logp, "count": count, "n_perm": n})
pd.DataFrame(rows).to_csv(f"{out}/nilearn_localizer16_voxels.tsv", sep="\t", index=False, float_format="%.10g")
timing = json.load(open(f"{src}/nilearn_timing.json"))
print(f"{n} permutations, {n_clusters} clusters at t > {threshold_t:.6f}, {len(rows)} voxel rows; timing {timing}")
