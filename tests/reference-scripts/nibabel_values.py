"""Expected values for Ari's NIfTI parity tests, computed with nibabel.

Run from the repository root with Debian's python3 (python3-nibabel, python3-numpy):
    /usr/bin/python3 tests/reference-scripts/nibabel_values.py > tests/Ari.Tests/Nifti/nibabel_values.json
For every image under ../shared/data it records what nibabel reads: shape, datatype,
best affine, and statistics of get_fdata() (float64 with scaling applied).
"""
import glob, json, os, sys
import numpy as np
import nibabel as nib

root = os.path.join("..", "shared")
out = {"nibabel": nib.__version__, "numpy": np.__version__, "files": {}}
for path in sorted(glob.glob(os.path.join(root, "**", "*.nii*"), recursive=True)):
    img = nib.load(path)
    data = np.asanyarray(img.dataobj).astype(np.float64) if False else img.get_fdata(dtype=np.float64)
    finite = np.isfinite(data)
    flat = data.reshape(-1, order="F")
    idx = [0, flat.size // 3, flat.size // 2, (2 * flat.size) // 3, flat.size - 1]
    nz = np.flatnonzero(flat)
    if nz.size:
        idx += [int(nz[0]), int(nz[nz.size // 2]), int(nz[-1])]
    rel = os.path.relpath(path, root).replace(os.sep, "/")
    out["files"][rel] = {
        "shape": list(img.shape),
        "datatype": int(img.header["datatype"]),
        "affine": [float(v) for v in img.affine.reshape(-1)],
        "min": float(np.min(data[finite])) if finite.any() else None,
        "max": float(np.max(data[finite])) if finite.any() else None,
        "sum": float(np.sum(data[finite], dtype=np.float64)),
        "nonzero": int(np.count_nonzero(data)),
        "nan": int(np.isnan(data).sum()),
        "posinf": int(np.isposinf(data).sum()),
        "neginf": int(np.isneginf(data).sum()),
        "samples": {str(i): float(flat[i]) for i in idx},
        "sform_code": int(img.header["sform_code"]),
        "qform_code": int(img.header["qform_code"]),
        "descrip": img.header["descrip"].item().decode("latin1"),
    }
json.dump(out, sys.stdout, indent=1)
