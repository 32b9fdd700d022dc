"""Brute-force references for `ari permute` (tests/Ari.Tests/Permutation/PermuteReferenceTests.cs).

Data: the first 10 maps of ../shared/data/sim/localizer16 (float32, no smoothing), cropped to the box
i 27:37, j 13:23, k 7:15 (10 x 10 x 8 voxels, all inside the brain); the mask is the whole box.
Voxel order in the output: Ari's mask order (i fastest, i.e. Fortran order of the (i, j, k) array).

1. one_sample / one_sample_one_sided: every one of the 2^10 sign flips (flip j negates subject i when bit i of
   j is set; j = 0 is the identity), looped one by one in float64 numpy: t as nilearn's permuted_ols computes it,
   nilearn's own calculate_cluster_measures and calculate_tfce (face connectivity) per flip; p-values as
   #{flips whose maximum >= the voxel's statistic} / 1024 (identity included); cluster size/mass per voxel with
   scipy.ndimage.label as nilearn labels the observed map. Cluster threshold p < 0.01 (t.isf(p/2, 9) two-sided).
2. age / groups: nilearn's permuted_ols itself (float64 data), driven with an explicit sequence of assignments
   (its random generator replaced by one that replays them), so its h0 maxima are those of the given rows.
   age: design [intercept, age], contrast age -> nilearn flips the signs of the residualised data.
   groups: design [g1, g2] (5 + 5), contrast g1 - g2 -> nilearn permutes the rows. 64 assignments each (row 0
   the identity, written to the table Ari reads with --flips).

Run from the repository root:
    PYTHONPATH=/opt/peers/nilearn-0.10.3 /usr/bin/python3 tests/reference-scripts/permute/brute_force.py
Writes tests/Ari.Tests/Permutation/permute-reference.json.
"""
import glob
import json

import nibabel as nib
import numpy as np
from scipy import stats
from scipy.ndimage import generate_binary_structure, label
from nilearn.maskers import NiftiMasker
import nilearn.mass_univariate.permuted_least_squares as pls
from nilearn.mass_univariate._utils import calculate_cluster_measures, calculate_tfce

BOX = (27, 37, 13, 23, 7, 15)
N = 10
P_THRESHOLD = 0.01
maps = sorted(glob.glob("../shared/data/sim/localizer16/sub-*_contrast.nii.gz"))[:N]
a, b, c, d, e, f = BOX
data4d = np.stack([nib.load(m).get_fdata(dtype=np.float32)[a:b, c:d, e:f] for m in maps], axis=-1).astype(np.float64)
shape = data4d.shape[:3]
V = int(np.prod(shape))
Y = data4d.reshape(V, N, order="F").T  # n x V, Ari's voxel order
STRUCT = generate_binary_structure(3, 1)


def vec(arr3d):
    return np.asarray(arr3d).reshape(-1, order="F")


def vol(values):
    return np.asarray(values).reshape(shape, order="F")


def t_one_sample(y):
    """nilearn's permuted_ols t for the intercept test, float64: y and x scaled to unit norm."""
    yn = y / np.sqrt(np.sum(y ** 2, axis=0))
    x = np.ones(N) / np.sqrt(N)
    beta = x @ yn
    return beta * np.sqrt((N - 1.0) / (1 - beta ** 2))


def logp(stat, maxima, zero_is_null=False):
    maxima = np.sort(maxima)
    count = len(maxima) - np.searchsorted(maxima, stat, side="left")
    p = count / len(maxima)
    out = -np.log10(p)
    out[p >= 1] = 0
    if zero_is_null:
        out[stat == 0] = 0
    return out


def observed_clusters(t3d, thr, two_sided):
    size = np.zeros(shape)
    mass = np.zeros(shape)
    for sign in ([1, -1] if two_sided else [1]):
        labels, n = label(sign * t3d > thr, STRUCT)
        for lab in range(1, n + 1):
            inside = labels == lab
            size[inside] = inside.sum()
            mass[inside] = np.sum(np.abs(t3d[inside]) - thr)
    return size, mass


def one_sample(two_sided):
    thr = stats.t.isf(P_THRESHOLD / 2 if two_sided else P_THRESHOLD, N - 1)
    count = 2 ** N
    maxima = {k: np.zeros(count) for k in ["max_t", "max_size", "max_mass", "max_tfce"]}
    for j in range(count):
        s = np.array([-1.0 if (j >> i) & 1 else 1.0 for i in range(N)])
        t = t_one_sample(s[:, None] * Y)
        maxima["max_t"][j] = np.max(np.abs(t)) if two_sided else np.max(t)
        arr4d = vol(t)[..., None]
        size, mass = calculate_cluster_measures(arr4d, thr, STRUCT, two_sided_test=two_sided)
        maxima["max_size"][j], maxima["max_mass"][j] = size[0], mass[0]
        tfce = calculate_tfce(arr4d, STRUCT, two_sided_test=two_sided)
        maxima["max_tfce"][j] = np.max(np.abs(tfce))
        if j == 0:
            t_obs, tfce_obs = t, vec(tfce[..., 0])
    size, mass = observed_clusters(vol(t_obs), thr, two_sided)
    stat = np.abs(t_obs) if two_sided else t_obs
    maps = {
        "t": t_obs, "logp_max_t": logp(stat, maxima["max_t"]),
        "size": vec(size), "logp_max_size": logp(vec(size), maxima["max_size"], True),
        "mass": vec(mass), "logp_max_mass": logp(vec(mass), maxima["max_mass"], True),
        "tfce": tfce_obs, "logp_max_tfce": logp(np.abs(tfce_obs), maxima["max_tfce"]),
    }
    return {"two_sided": two_sided, "threshold_t": thr,
            "maxima": {k: v.tolist() for k, v in maxima.items()}, "maps": {k: np.asarray(v).tolist() for k, v in maps.items()}}


class Replay(np.random.RandomState):
    """Hands nilearn's permutation loop the given assignments (it composes them: relative steps are replayed)."""

    def __init__(self, rows, kind):
        super().__init__(0)
        self.rows, self.kind, self.j = rows, kind, 0
        self.previous = np.arange(N) if kind == "rows" else np.ones(N)

    def randint(self, low, high=None, size=None):
        if size is None:
            return 1  # the seed permuted_ols draws for its chunk
        self.j += 1
        signs = self.rows[self.j] * self.previous  # target_vars *= step: cumulative product
        self.previous = self.rows[self.j].astype(float)
        return ((signs.reshape(size) + 1) // 2).astype(int)

    def permutation(self, n):
        self.j += 1
        q = self.rows[self.j]
        inverse = np.argsort(self.previous)
        step = inverse[q]  # x_j = x_{j-1}[step] with x_{j-1} = x_0[previous]
        self.previous = q
        return step


def driven(design_cols, tested, confounds, kind, seed):
    rng = np.random.RandomState(seed)
    count = 64
    if kind == "flips":
        rows = [np.ones(N, int)] + [rng.choice([-1, 1], N) for _ in range(count - 1)]
    else:
        rows = [np.arange(N)] + [rng.permutation(N) for _ in range(count - 1)]
    rows = np.array(rows)
    replay = Replay(rows.astype(float) if kind == "flips" else rows, "flips" if kind == "flips" else "rows")
    pls.check_random_state = lambda _: replay
    mask_img = nib.Nifti1Image(np.ones(shape, np.int8), np.eye(4))
    masker = NiftiMasker(mask_img).fit()
    target = masker.transform(nib.Nifti1Image(data4d, np.eye(4))).astype(np.float64)
    out = pls.permuted_ols(tested, target, confounding_vars=confounds, model_intercept=True, n_perm=count - 1,
                           two_sided_test=True, random_state=0, n_jobs=1, masker=masker, tfce=True,
                           threshold=P_THRESHOLD, output_type="dict")
    assert replay.j == count - 1
    order = vec(masker.inverse_transform(np.arange(V)[None, :]).get_fdata()[..., 0]).astype(int)  # Ari order -> nilearn column
    return {"design_columns": design_cols, "kind": kind, "rows": rows.tolist(),
            "t": out["t"][0][order].tolist(),
            "h0": {"max_t": out["h0_max_t"][0].tolist(), "max_size": out["h0_max_size"][0].tolist(),
                   "max_mass": out["h0_max_mass"][0].tolist(), "max_tfce": out["h0_max_tfce"][0].tolist()}}


age = np.array([23.0, 31, 45, 28, 36, 52, 41, 29, 33, 60])
g1 = np.array([1.0] * 5 + [0.0] * 5)
reference = {
    "box": list(BOX), "subjects": N, "threshold_p": P_THRESHOLD, "maps": [m.split("/")[-1] for m in maps],
    "one_sample": one_sample(True),
    "one_sample_one_sided": one_sample(False),
    "age_values": age.tolist(),
    # [intercept, age] testing age: confounds = [intercept] -> nilearn flips residualised data
    "age": driven(["intercept", "age"], age[:, None], np.ones((N, 1)), "flips", 1),
    # [g1, g2] testing g1 - g2: no confound column, an intercept is added -> row permutations
    "groups": driven(["g1", "g2"], (g1 - (1 - g1))[:, None], None, "rows", 2),
}
json.dump(reference, open("tests/Ari.Tests/Permutation/permute-reference.json", "w"))
print("written", {k: len(v["maxima"]["max_t"]) for k, v in reference.items() if isinstance(v, dict) and "maxima" in v})
