"""The NIfTI header fuzzer's cases and what nibabel makes of each (NiftiHeaderFuzzTests).

Run from the repository root with Debian's python3 (python3-nibabel 5, numpy):
    /usr/bin/python3 tests/reference-scripts/nifti_fuzz_nibabel.py > tests/Ari.Tests/Nifti/nifti_fuzz_nibabel.json

Deterministic (random.Random(20261129)): mutations of real files' headers -- bit flips, truncations,
extreme dims, vox_offsets, datatype/sform/qform codes, pixdims, scalings, quaternions and srows. Each case
is stored as byte patches (offset, hex bytes) and an optional truncation, applied to the uncompressed bytes
of its source, so the C# test rebuilds the exact file without this script's random generator. For each
case the table says whether nibabel loads it (nib.load, .affine, .get_fdata()) and, if so, its voxel count,
affine and value statistics (float64, x fastest).
"""
import gzip, json, logging, math, os, random, struct, sys, tempfile, warnings
import numpy as np
import nibabel as nib

SHARED = os.path.join("..", "shared")
FIXTURES = os.path.join("tests", "Ari.Tests", "Nifti", "Fixtures")
SOURCES = [
    ("shared", "data/real/neurovault_image_10426.nii.gz"),
    ("fixture", "float32_le.nii"),
    ("fixture", "int16_be.nii"),
    ("fixture", "uint8_le.nii"),
    ("fixture", "int16_scaled_be.nii.gz"),
    ("fixture", "qform_only.nii"),
    ("fixture", "nifti2_float64.nii"),
]

# Field offsets and formats: NIfTI-1 and NIfTI-2.
N1 = dict(dim=(40, "h", 8), datatype=(70, "h", 1), bitpix=(72, "h", 1), pixdim=(76, "f", 8), vox_offset=(108, "f", 1),
          scl_slope=(112, "f", 1), scl_inter=(116, "f", 1), qform_code=(252, "h", 1), sform_code=(254, "h", 1),
          quatern=(256, "f", 3), qoffset=(268, "f", 3), srow_x=(280, "f", 4), srow_y=(296, "f", 4), srow_z=(312, "f", 4))
N2 = dict(dim=(16, "q", 8), datatype=(12, "h", 1), bitpix=(14, "h", 1), pixdim=(104, "d", 8), vox_offset=(168, "q", 1),
          scl_slope=(176, "d", 1), scl_inter=(184, "d", 1), qform_code=(344, "i", 1), sform_code=(348, "i", 1),
          quatern=(352, "d", 3), qoffset=(376, "d", 3), srow_x=(400, "d", 4), srow_y=(432, "d", 4), srow_z=(464, "d", 4))


def source_bytes(kind, name):
    path = os.path.join(SHARED, name) if kind == "shared" else os.path.join(FIXTURES, name)
    raw = open(path, "rb").read()
    return gzip.decompress(raw) if name.endswith(".gz") else raw


def layout(raw):
    le = struct.unpack_from("<i", raw, 0)[0]
    if le in (348, 540):
        return ("<", N1 if le == 348 else N2)
    return (">", N1 if struct.unpack_from(">i", raw, 0)[0] == 348 else N2)


def patch_field(raw, field, index, value):
    end, fields = layout(raw)
    offset, fmt, count = fields[field]
    size = struct.calcsize(fmt)
    if fmt in "hiq":
        lo, hi = {"h": (-2**15, 2**15 - 1), "i": (-2**31, 2**31 - 1), "q": (-2**63, 2**63 - 1)}[fmt]
        value = int(max(lo, min(hi, value)))
    return [offset + index * size, struct.pack(end + fmt, value).hex()]


def make_case(rng, raw):
    kind = rng.choice(["bitflip", "bitflip", "bitflip", "truncate", "dims", "offset", "codes", "datatype", "pixdim",
                       "scaling", "quatern", "srow"])
    hsize = 348 if layout(raw)[1] is N1 else 540
    patches, truncate = [], None
    if kind == "bitflip":
        for _ in range(rng.choice([1, 1, 2, 3])):
            o = rng.randrange(0, hsize + 4)
            patches.append([o, bytes([raw[o] ^ (1 << rng.randrange(8))]).hex()])
    elif kind == "truncate":
        truncate = rng.choice([0, 1, 3, 4, 100, hsize - 1, hsize, hsize + 2, hsize + 4, hsize + 5, rng.randrange(hsize, len(raw)), len(raw) - 1])
    elif kind == "dims":
        i = rng.randrange(0, 8)
        v = rng.choice([0, -1, 1, 2, 3, 4, 5, 7, 8, 1000, 32767, -32768, 2**31 - 1, 2**40])
        patches.append(patch_field(raw, "dim", i, v))
        if rng.random() < 0.3:
            patches.append(patch_field(raw, "dim", rng.randrange(1, 8), rng.choice([1, 2, 0, 32767])))
    elif kind == "offset":
        v = rng.choice([0, 1, 344, 348, 349, 350, 351, 352, 352.5, 356, 540, 543, 544, 545, 1000, 1e9, -1, -352,
                        float("nan"), float("inf"), len(raw), len(raw) - 1, len(raw) + 1])
        if layout(raw)[1] is N2 and isinstance(v, float) and not math.isfinite(v):
            v = -1
        patches.append(patch_field(raw, "vox_offset", 0, v))
    elif kind == "codes":
        for field in rng.sample(["sform_code", "qform_code"], rng.choice([1, 2])):
            patches.append(patch_field(raw, field, 0, rng.choice([-32768, -1, 0, 1, 2, 3, 4, 5, 6, 7, 255, 32767])))
    elif kind == "datatype":
        patches.append(patch_field(raw, "datatype", 0, rng.choice([0, 1, 2, 3, 4, 8, 16, 32, 64, 99, 128, 256, 512, 768, 1024,
                                                                   1280, 1536, 1792, 2048, 2304, -1, 32767])))
        if rng.random() < 0.3:
            patches.append(patch_field(raw, "bitpix", 0, rng.choice([0, 8, 16, 32, 64, -1])))
    elif kind == "pixdim":
        for _ in range(rng.choice([1, 2])):
            patches.append(patch_field(raw, "pixdim", rng.randrange(0, 5),
                                       rng.choice([0.0, -1.0, -2.5, 1e-30, 1e30, 3.0, float("nan"), float("inf"), -float("inf")])))
    elif kind == "scaling":
        s, i = rng.choice([(0.0, 0.0), (float("nan"), 0.0), (2.0, 1.0), (float("inf"), 0.0), (1.0, float("nan")),
                           (2.0, float("inf")), (-1.0, 0.0), (1e-30, 0.0), (1e30, 5.0), (1.0, 0.0), (1.0, 0.5),
                           (0.5, -3.0), (float("nan"), float("nan"))])
        patches += [patch_field(raw, "scl_slope", 0, s), patch_field(raw, "scl_inter", 0, i)]
    elif kind == "quatern":
        q = rng.choice([(0.9, 0.9, 0.9), (1.0, 0.0, 0.0), (0.0, 0.0, 1.0000001), (0.5, 0.5, 0.5), (float("nan"), 0, 0),
                        (0.0, 1.01, 0.0), (1e30, 0, 0), (0.6, 0.8, 0.0)])
        patches += [patch_field(raw, "quatern", k, q[k]) for k in range(3)]
        patches.append(patch_field(raw, "qform_code", 0, rng.choice([1, 2])))
        if rng.random() < 0.5:
            patches.append(patch_field(raw, "sform_code", 0, 0))
    else:  # srow
        row = rng.choice(["srow_x", "srow_y", "srow_z"])
        vals = rng.choice([(0, 0, 0, 0), (float("nan"), 0, 0, 0), (1e30, 0, 0, 0), (0, 0, 0, float("inf")), (2, 0, 0, -90),
                           (1, 1, 0, 0)])
        patches += [patch_field(raw, row, k, vals[k]) for k in range(4)]
        patches.append(patch_field(raw, "sform_code", 0, rng.choice([1, 2, 4])))
    return kind, patches, truncate


def apply(raw, patches, truncate):
    b = bytearray(raw)
    for offset, hexbytes in patches:
        data = bytes.fromhex(hexbytes)
        if offset + len(data) <= len(b):
            b[offset:offset + len(data)] = data
    return bytes(b[:truncate] if truncate is not None else b)


def nibabel_reads(data, gz, tmp):
    path = os.path.join(tmp, "case.nii.gz" if gz else "case.nii")
    with open(path, "wb") as f:
        f.write(gzip.compress(data, mtime=0) if gz else data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            img = nib.load(path)
            n = int(np.prod(img.shape, dtype=np.int64))
            if n * 8 > 400_000_000:
                return {"nibabel": "error", "error": "too large to check here"}
            affine = img.affine
            d = img.get_fdata(dtype=np.float64)
        except Exception as e:  # what nibabel refuses, and why
            return {"nibabel": "error", "error": f"{type(e).__name__}: {str(e).replace(tmp + os.sep, '')[:120]}"}
    flat = d.reshape(-1, order="F")
    finite = np.isfinite(flat)
    idx = sorted({0, flat.size // 3, flat.size // 2, flat.size - 1}) if flat.size else []
    f = lambda v: None if not math.isfinite(v) else float(v)
    return {
        "nibabel": "ok",
        "voxels": int(flat.size),
        "affine": [f(v) for v in affine[:3].reshape(-1)],
        "min": float(flat[finite].min()) if finite.any() else None,
        "max": float(flat[finite].max()) if finite.any() else None,
        "sum": float(flat[finite].sum()),
        "nonfinite": int((~finite).sum()),
        "samples": [[int(i), f(flat[i]), bool(np.isnan(flat[i]))] for i in idx],
    }


def main():
    logging.getLogger("nibabel").setLevel(logging.CRITICAL)
    logging.getLogger("nibabel.global").setLevel(logging.CRITICAL)
    rng = random.Random(20261129)
    sources = [(k, n, source_bytes(k, n)) for k, n in SOURCES]
    cases = []
    with tempfile.TemporaryDirectory() as tmp:
        for number in range(600):
            kind, name, raw = rng.choice(sources)
            if name.startswith("data/real") and rng.random() < 0.5:
                kind, name, raw = rng.choice(sources[1:])
            mutation, patches, truncate = make_case(rng, raw)
            gz = name.endswith(".gz")
            data = apply(raw, patches, truncate)
            case = {"id": number, "source": f"{kind}:{name}", "mutation": mutation, "patches": patches, "truncate": truncate, "gzip": gz}
            case.update(nibabel_reads(data, gz, tmp))
            cases.append(case)
    json.dump({"nibabel": nib.__version__, "numpy": np.__version__, "cases": cases}, sys.stdout, indent=0, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
