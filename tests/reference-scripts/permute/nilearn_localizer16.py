"""nilearn 0.10.3 non_parametric_inference on ../shared/data/sim/localizer16 (FWHM 8, one-sided, cluster
threshold p < 0.001, TFCE), for the distributional comparison with `ari permute` and the timing.

Run from the repository root:
    PYTHONPATH=/opt/peers/nilearn-0.10.3 /usr/bin/python3 tests/reference-scripts/permute/nilearn_localizer16.py N_PERM OUT_DIR
Writes OUT_DIR/nilearn_logp_max_{t,size,mass,tfce}.nii.gz, OUT_DIR/nilearn_h0.tsv (h0 maxima, one row per
permutation, the identity NOT included, as nilearn returns them) and OUT_DIR/nilearn_timing.json.
"""
import glob
import json
import sys
import time

import numpy as np
import pandas as pd

t0 = time.time()
from nilearn.glm.second_level import non_parametric_inference  # noqa: E402
from nilearn.mass_univariate import permuted_ols  # noqa: E402,F401
import nilearn.mass_univariate.permuted_least_squares as pls  # noqa: E402

n_perm = int(sys.argv[1])
out = sys.argv[2]
maps = sorted(glob.glob("../shared/data/sim/localizer16/sub-*_contrast.nii.gz"))
design = pd.DataFrame({"intercept": np.ones(len(maps))})

# keep the sorted h0 arrays: wrap permuted_ols to capture its dictionary
captured = {}
original = pls.permuted_ols


def capture(*args, **kwargs):
    result = original(*args, **kwargs)
    captured.update(result)
    return result


import nilearn.glm.second_level.second_level as sl  # noqa: E402
sl.permuted_ols = capture

start = time.time()
outputs = non_parametric_inference(maps, design_matrix=design, smoothing_fwhm=8, n_perm=n_perm, two_sided_test=False,
                                   random_state=0, n_jobs=2, threshold=0.001, tfce=True)
seconds = time.time() - start
for key in ["logp_max_t", "logp_max_size", "logp_max_mass", "logp_max_tfce", "t", "tfce"]:
    outputs[key].to_filename(f"{out}/nilearn_{key}.nii.gz")
h0 = pd.DataFrame({"max_t": captured["h0_max_t"][0], "max_size": captured["h0_max_size"][0],
                   "max_mass": captured["h0_max_mass"][0], "max_tfce": captured["h0_max_tfce"][0]})
h0.to_csv(f"{out}/nilearn_h0.tsv", sep="\t", index=False, float_format="%.17g")
json.dump({"n_perm": n_perm, "n_jobs": 2, "seconds_non_parametric_inference": seconds,
           "seconds_with_import": time.time() - t0}, open(f"{out}/nilearn_timing.json", "w"), indent=1)
print(seconds)
