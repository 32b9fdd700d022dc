"""Expected labels for Ari's connected-component tests, computed with scipy.ndimage.label.

Run from the repository root with Debian's python3 (python3-numpy, python3-scipy):
    /usr/bin/python3 tests/reference-scripts/connected_components_scipy.py > tests/Ari.Tests/Imaging/connected_components_scipy.json
Each case is a seeded random binary volume indexed (i, j, k) as nibabel returns it; scipy labels that
array (C order: k fastest), as nilearn does. Volumes and labels are written x fastest ("F" order),
which is Ari's buffer layout: foreground as a string of 0/1, labels as a list of integers.
"""
import json
import numpy as np
import scipy
from scipy import ndimage

STRUCTURES = {
    6: ndimage.generate_binary_structure(3, 1),
    18: ndimage.generate_binary_structure(3, 2),
    26: ndimage.generate_binary_structure(3, 3),
}
SHAPES = [(9, 7, 5), (1, 8, 8), (6, 1, 4), (5, 6, 1), (12, 11, 10), (3, 3, 3), (16, 4, 9)]
DENSITIES = [0.2, 0.35, 0.5, 0.65]

rng = np.random.default_rng(20240611)
cases = []
for shape in SHAPES:
    for density in DENSITIES:
        volume = rng.random(shape) < density
        for connectivity, structure in STRUCTURES.items():
            labels, count = ndimage.label(volume, structure=structure)
            cases.append({
                "shape": list(shape),
                "density": density,
                "connectivity": connectivity,
                "count": int(count),
                "foreground": "".join("1" if v else "0" for v in volume.ravel(order="F")),
                "labels": [int(v) for v in labels.ravel(order="F")],
            })
print(json.dumps({"scipy": scipy.__version__, "numpy": np.__version__, "cases": cases}, separators=(",", ":")))
