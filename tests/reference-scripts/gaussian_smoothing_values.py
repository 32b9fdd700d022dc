"""Expected values for Ari's Gaussian smoothing tests, computed with scipy.ndimage.gaussian_filter1d.

Run from the repository root with Debian's python3 (numpy 1.24, scipy 1.10):
    /usr/bin/python3 tests/reference-scripts/gaussian_smoothing_values.py > tests/Ari.Tests/Imaging/gaussian_smoothing_values.json

Each case is a small 3D array (stored x fastest, as NIfTI and Ari store voxels), an affine and a FWHM in mm.
The expected output follows the recipe nilearn 0.10.3 uses to smooth images (written out here with numpy/scipy
only): non-finite values set to 0; per axis sigma = fwhm / (sqrt(8 ln 2) * voxel size), where the voxel size
is the norm of the affine's column; then scipy.ndimage.gaussian_filter1d(arr, sigma, axis=n, output=arr)
for n = 0, 1, 2 (truncate 4, mode 'reflect'), in the array's own dtype (float32 stays float32 between passes).
The weights scipy uses for each sigma are recorded too.
"""
import json
import numpy as np
import scipy
from scipy.ndimage import gaussian_filter1d
from scipy.ndimage._filters import _gaussian_kernel1d


def smooth(arr, affine, fwhm):
    arr = arr.copy()
    arr[~np.isfinite(arr)] = 0
    vox = np.sqrt(np.sum(affine[:3, :3] ** 2, axis=0))
    sigma = fwhm / (np.sqrt(8 * np.log(2)) * vox)
    for n, s in enumerate(sigma):
        if s > 0.0:
            gaussian_filter1d(arr, s, output=arr, axis=n)
    return arr, sigma


def flat(a):
    return [float(v) for v in a.reshape(-1, order="F")]


rng = np.random.default_rng(20240603)
cases = []


def add(name, shape, affine, fwhm, dtype, special=False, offset=0.0):
    data = (rng.standard_normal(shape) * 10 + offset).astype(dtype)
    if special:
        data.flat[3] = np.nan
        data.flat[7] = np.inf
        data.flat[11] = -np.inf
    out, sigma = smooth(data, affine, fwhm)
    cases.append({
        "name": name,
        "dtype": np.dtype(dtype).name,
        "shape": list(shape),
        "affine": [float(v) for v in affine.reshape(-1)],
        "fwhm": fwhm,
        "sigma": [float(s) for s in sigma],
        "input": [None if not np.isfinite(v) else float(v) for v in data.reshape(-1, order="F")],
        "input_nonfinite": {str(i): str(v) for i, v in enumerate(data.reshape(-1, order="F")) if not np.isfinite(v)},
        "expected": flat(out),
    })


iso3 = np.diag([3.0, 3.0, 3.0, 1.0])
iso3[:3, 3] = [-78, -111, -51]
aniso = np.diag([-2.0, 2.5, 4.0, 1.0])
theta = 0.3
rot = np.array([[np.cos(theta), -np.sin(theta), 0, 10], [np.sin(theta), np.cos(theta), 0, -5], [0, 0, 1, 2], [0, 0, 0, 1]])
sheared = rot @ np.diag([2.0, 3.0, 1.5, 1.0])
sheared[0, 2] = 0.7

add("float32 3mm fwhm 8 (localizer-like)", (9, 8, 7), iso3, 8.0, np.float32)
add("float32 with NaN and inf set to zero", (6, 5, 4), iso3, 8.0, np.float32, special=True)
add("float32 anisotropic, negative x axis", (11, 6, 5), aniso, 6.0, np.float32, offset=100.0)
add("float32 rotated and sheared affine", (7, 7, 6), sheared, 5.0, np.float32)
add("float32 lines shorter than the kernel radius", (1, 2, 3), iso3, 12.0, np.float32)
add("float32 wide kernel reflected many times", (4, 3, 2), iso3, 30.0, np.float32)
add("float64 3mm fwhm 8", (9, 8, 7), iso3, 8.0, np.float64)
add("float64 anisotropic with NaN", (6, 5, 4), aniso, 7.0, np.float64, special=True)
add("float64 small fwhm (radius 0 on one axis)", (5, 4, 3), np.diag([1.0, 1.0, 10.0, 1.0]), 1.0, np.float64)

kernels = []
for s in [0.1, 0.5, 1.0, 1.1323, 8.0 / (np.sqrt(8 * np.log(2)) * 3.0), 1.7, 2.345, 5.0, 40.0]:
    lw = int(4.0 * float(s) + 0.5)
    kernels.append({"sigma": float(s), "weights": [float(w) for w in _gaussian_kernel1d(s, 0, lw)[::-1]]})

print(json.dumps({"numpy": np.__version__, "scipy": scipy.__version__, "cases": cases, "kernels": kernels}))
