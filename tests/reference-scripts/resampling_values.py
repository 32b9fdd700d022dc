"""Expected values for Ari's resampling tests, computed the way nilearn's resample_img does it:
scipy.ndimage.affine_transform(data, A[:3,:3], offset=A[:3,3], output_shape, order, mode='constant', cval=0)
with A = inv(source_affine) @ target_affine. Run from the repository root with Debian's python3:
    /usr/bin/python3 tests/reference-scripts/resampling_values.py > tests/Ari.Tests/Imaging/resampling_values.json
Volumes are flattened x fastest (Fortran order), as Ari stores them.
"""
import json, sys
import numpy as np
import scipy.ndimage as nd

rng = np.random.default_rng(11)
source_shape = (7, 6, 5)
source_affine = np.array([[-3.0, 0, 0, 9.0], [0, 3.0, 0, -6.0], [0, 0, 3.0, -4.5], [0, 0, 0, 1]])
data = rng.normal(size=source_shape)
cases = []
targets = {
    "finer_shifted": (np.array([[-2.0, 0, 0, 10.0], [0, 2.0, 0, -7.0], [0, 0, 2.0, -5.0], [0, 0, 0, 1]]), (10, 9, 7)),
    "oblique": (np.array([[-2.5, 0.3, 0, 8.0], [0.2, 2.5, 0.1, -5.0], [0, -0.2, 2.5, -3.0], [0, 0, 0, 1]]), (8, 8, 6)),
    "flipped_coarser": (np.array([[4.0, 0, 0, -9.0], [0, 4.0, 0, -6.0], [0, 0, 4.0, -4.5], [0, 0, 0, 1]]), (5, 5, 4)),
}
for name, (target_affine, target_shape) in targets.items():
    A = np.linalg.inv(source_affine) @ target_affine
    for order, interp in ((0, "nearest"), (1, "linear")):
        out = nd.affine_transform(data, A[:3, :3], offset=A[:3, 3], output_shape=target_shape, order=order, mode="constant", cval=0.0)
        cases.append({"name": name, "interpolation": interp, "target_affine": target_affine.reshape(-1).tolist(),
                      "target_shape": list(target_shape), "expected": out.reshape(-1, order="F").tolist()})
json.dump({"source_shape": list(source_shape), "source_affine": source_affine.reshape(-1).tolist(),
           "source": data.reshape(-1, order="F").tolist(), "cases": cases}, sys.stdout)
