"""Expected values for Ari's plotting tests, computed with numpy/scipy/nibabel only.

Run from the repository root with Debian's python3 (python3-scipy, python3-nibabel):
    /usr/bin/python3 tests/reference-scripts/plotting_values.py > tests/Ari.Tests/Plotting/plotting_values.json
- template_fill: scipy.ndimage.binary_fill_holes(template > eps) on the MNI152 2009 1 mm template (the region
  nilearn draws its default background in): voxel count and counts on a few axial slices.
- fill_cases: small random masks and their filled versions (x fastest), to check the hole filling exactly.
"""
import json, sys
import numpy as np
import nibabel as nib
from scipy import ndimage

out = {}
t = nib.load("../shared/data/real/mni152_2009_t1_1mm.nii.gz").get_fdata()
filled = ndimage.binary_fill_holes(t > np.finfo(float).eps)
out["template_fill"] = {
    "above_eps": int((t > np.finfo(float).eps).sum()),
    "filled": int(filled.sum()),
    # world z = k - 72 on this grid
    "slices": {str(k - 72): int(filled[:, :, k].sum()) for k in (48, 63, 54, 105, 117, 129, 138)},
}
rng = np.random.default_rng(5)
cases = []
for shape, p in [((7, 6, 5), 0.55), ((9, 8, 7), 0.6), ((12, 10, 9), 0.65), ((5, 5, 5), 0.7)]:
    for _ in range(3):
        m = rng.random(shape) < p
        f = ndimage.binary_fill_holes(m)
        cases.append({
            "shape": list(shape),
            "mask": "".join("1" if v else "0" for v in m.reshape(-1, order="F")),
            "filled": "".join("1" if v else "0" for v in f.reshape(-1, order="F")),
        })
out["fill_cases"] = cases
json.dump(out, sys.stdout, indent=1)
sys.stdout.write("\n")
