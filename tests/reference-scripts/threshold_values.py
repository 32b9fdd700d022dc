"""Expected values for `ari threshold` (nilearn 0.10.3's threshold_stats_img and get_clusters_table).

Run from the repository root:
    PYTHONPATH=/opt/peers/nilearn-0.10.3 /usr/bin/python3 tests/reference-scripts/threshold_values.py \
        > tests/Ari.Tests/Thresholding/threshold_values.json
For each map (FSL auditory zstat; the localizer16 z map nilearn computed), each height control (fpr 0.001,
fdr 0.05, bonferroni 0.05, none at 3.1), with and without a cluster extent of 10 voxels, one- and two-sided:
  map, threshold = threshold_stats_img(z, alpha=..., height_control=..., cluster_threshold=extent, two_sided=...)
  table = get_clusters_table(map, threshold, cluster_threshold=extent, two_sided=...)   (min_distance 8 mm)
The thresholded map is summarised by its non-zero voxel count, its sum and a position-weighted sum
(sum over voxels of value * (1 + flat index in x-fastest order) / n).
"""
import json, sys, warnings
import numpy as np
import nibabel as nib
from nilearn.glm import threshold_stats_img
from nilearn.reporting import get_clusters_table

warnings.simplefilter("ignore")
maps = {
    "fsl_auditory": "../shared/data/real/fsl_auditory/zstat.nii.gz",
    "localizer16": "../shared/reference/nilearn/localizer16/z_score.nii.gz",
}
controls = [("fpr", 0.001, None), ("fdr", 0.05, None), ("bonferroni", 0.05, None), (None, 0.001, 3.1)]
cases = []
for name, path in maps.items():
    img = nib.load(path)
    for hc, alpha, thr in controls:
        for extent in (0, 10):
            for two_sided in (False, True):
                kw = dict(alpha=alpha, height_control=hc, cluster_threshold=extent, two_sided=two_sided)
                if thr is not None:
                    kw["threshold"] = thr
                out, threshold = threshold_stats_img(img, **kw)
                data = out.get_fdata()
                flat = data.reshape(-1, order="F")
                n = flat.size
                table = get_clusters_table(out, threshold, cluster_threshold=extent, two_sided=two_sided)
                rows = []
                for _, r in table.iterrows():
                    size = r["Cluster Size (mm3)"]
                    rows.append({
                        "cluster_id": str(r["Cluster ID"]),
                        "x": float(r["X"]), "y": float(r["Y"]), "z": float(r["Z"]),
                        "peak_stat": float(r["Peak Stat"]),
                        "cluster_size_mm3": None if size == "" else int(size),
                    })
                cases.append({
                    "map": name, "height_control": hc or "none", "alpha": alpha,
                    "threshold_option": thr, "extent": extent, "two_sided": two_sided,
                    "threshold": None if not np.isfinite(threshold) else float(threshold),
                    "nonzero": int(np.count_nonzero(flat)),
                    "sum": float(flat.sum()),
                    "weighted_sum": float((flat * (1 + np.arange(n)) / n).sum()),
                    "peaks": rows,
                })
json.dump({"nilearn": "0.10.3", "cases": cases}, sys.stdout, indent=1)
sys.stdout.write("\n")
