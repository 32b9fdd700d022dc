"""Small NIfTI files written by nibabel, covering what the shared data does not:
every datatype, both byte orders, NIfTI-2, .hdr/.img pairs, scaling, qform-only and
no-transform headers, and 4D. Run from the repository root with Debian's python3:
    /usr/bin/python3 tests/reference-scripts/nifti_fixtures.py
Writes tests/Ari.Tests/Nifti/Fixtures/*.nii[.gz]|.hdr/.img and expected.json
(shape, best affine and the float64 values nibabel's get_fdata returns, x fastest).
"""
import json, os
import numpy as np
import nibabel as nib

out_dir = os.path.join("tests", "Ari.Tests", "Nifti", "Fixtures")
os.makedirs(out_dir, exist_ok=True)
rng = np.random.default_rng(7)
shape = (4, 3, 2)
oblique = np.array([[-2.0, 0.1, 0.0, 90.0], [0.05, 2.0, 0.2, -126.0], [0.0, -0.1, 2.5, -72.0], [0, 0, 0, 1]])
expected = {}

def record(name, img):
    path = os.path.join(out_dir, name)
    img.to_filename(path)
    back = nib.load(path)
    data = back.get_fdata(dtype=np.float64)
    expected[name] = {
        "shape": list(back.shape),
        "affine": [float(v) for v in back.affine.reshape(-1)],
        "values": [None if not np.isfinite(v) else float(v) for v in data.reshape(-1, order="F")],
        "nonfinite": [str(v) for v in data.reshape(-1, order="F") if not np.isfinite(v)],
        "datatype": int(back.header["datatype"]),
        "descrip": back.header["descrip"].item().decode("latin1"),
        "intent_code": int(back.header["intent_code"]),
        "xyzt_units": int(back.header["xyzt_units"]),
    }

for dtype in ["uint8", "int8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float32", "float64"]:
    info = np.iinfo(dtype) if dtype[0] in "iu" else None
    if info is not None:
        lo, hi = max(info.min, -1000), min(info.max, 1000)
        data = rng.integers(lo, hi, size=shape).astype(dtype)
        data.flat[0] = info.min if info.min > -2**31 else -2**31
        data.flat[1] = info.max if info.max < 2**31 else 2**31
    else:
        data = rng.normal(size=shape).astype(dtype)
    for endian in "<>":
        hdr = nib.Nifti1Header(endianness=endian)
        hdr.set_data_dtype(dtype)
        img = nib.Nifti1Image(data, np.diag([2.0, 2.0, 2.0, 1.0]), header=hdr)
        suffix = "le" if endian == "<" else "be"
        record(f"{dtype}_{suffix}.nii", img)

# scaling: int16 with slope/intercept, big-endian, gzipped
data = rng.integers(-300, 300, size=shape).astype(np.int16)
img = nib.Nifti1Image(data, oblique, header=nib.Nifti1Header(endianness=">"))
img.header.set_slope_inter(0.25, -3.5)
record("int16_scaled_be.nii.gz", img)
# slope 0 means no scaling (nibabel), and NaN likewise
img = nib.Nifti1Image(data.astype("<i2"), oblique)
img.header["scl_slope"] = 0; img.header["scl_inter"] = 5
record("int16_slope0.nii", img)

# float with NaN and infinities
data = rng.normal(size=shape).astype(np.float32)
data.flat[2] = np.nan; data.flat[3] = np.inf; data.flat[4] = -np.inf
img = nib.Nifti1Image(data, oblique)
img.header["descrip"] = b"nan and inf"
img.header["intent_code"] = 5  # ttest
img.header.set_xyzt_units("mm", "sec")
record("float32_nonfinite.nii.gz", img)

# NIfTI-2, both byte orders
data = rng.normal(size=shape)
record("nifti2_float64.nii", nib.Nifti2Image(data, oblique))
record("nifti2_float64_be.nii.gz", nib.Nifti2Image(data, oblique, header=nib.Nifti2Header(endianness=">")))

# .hdr/.img pairs (NIfTI-1 and NIfTI-2)
record("pair_float32.hdr", nib.Nifti1Pair(rng.normal(size=shape).astype(np.float32), oblique))
record("pair2_int16.hdr", nib.Nifti2Pair(rng.integers(-50, 50, size=shape).astype(np.int16), oblique))

# qform only (sform_code 0), with qfac -1 and a rotation
img = nib.Nifti1Image(rng.normal(size=shape).astype(np.float32), np.eye(4))
rot = np.array([[0.0, -1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]) @ np.diag([2.0, 3.0, -4.0])
aff = np.eye(4); aff[:3, :3] = rot; aff[:3, 3] = [10, -20, 30]
img.header.set_qform(aff, code=1); img.header.set_sform(np.eye(4), code=0)
img.update_header = lambda: None
record("qform_only.nii", img)

# neither transform: nibabel's base affine from pixdim
img = nib.Nifti1Image(rng.normal(size=shape).astype(np.float32), None)
img.header.set_zooms((2.0, 3.0, 4.0))
img.header.set_qform(None, code=0); img.header.set_sform(None, code=0)
img.update_header = lambda: None
record("no_transform.nii", img)

# 4D, 3 volumes
record("float32_4d.nii.gz", nib.Nifti1Image(rng.normal(size=shape + (3,)).astype(np.float32), oblique))

with open(os.path.join(out_dir, "expected.json"), "w") as f:
    json.dump(expected, f, indent=0)
print(len(expected), "fixtures")
