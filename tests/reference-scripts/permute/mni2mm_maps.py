"""Simulated 2 mm inputs for the permutation / calibration benchmarks (README: `ari permute` performance, issue 12's
calibration benchmark): nilearn's MNI152 2 mm brain mask resampled (nearest) to the 91x109x91 FSL grid (235,375
voxels), and N maps of smooth Gaussian noise (FWHM 6 mm, unit variance in the mask) plus a 0.6 block effect, float32.

    PYTHONPATH=/opt/peers/nilearn-0.10.3 /usr/bin/python3 tests/reference-scripts/permute/mni2mm_maps.py 50 OUT_DIR
writes OUT_DIR/mask228.nii.gz and OUT_DIR/sub-00.nii.gz ... sub-49.nii.gz (seeded: the same files on any machine).
"""
import sys

import nibabel as nib
import numpy as np
from nilearn.datasets import load_mni152_brain_mask
from nilearn.image import resample_to_img
from scipy.ndimage import gaussian_filter

n, out = int(sys.argv[1]), sys.argv[2]
ref = nib.load("../shared/data/real/fsl_auditory/mask.nii.gz")
mask = resample_to_img(load_mni152_brain_mask(resolution=2), ref, interpolation="nearest").get_fdata() != 0
nib.Nifti1Image(mask.astype(np.uint8), ref.affine).to_filename(f"{out}/mask228.nii.gz")
print(mask.sum(), mask.shape)
rng = np.random.default_rng(0)
sigma = 6 / 2.3548 / 2  # FWHM 6 mm on 2 mm voxels
block = np.zeros(mask.shape)
block[30:40, 50:60, 40:50] = 0.6
for i in range(n):
    x = gaussian_filter(rng.standard_normal(mask.shape), sigma)
    x = x / x[mask].std() + block
    x[~mask] = 0
    nib.Nifti1Image(x.astype(np.float32), ref.affine).to_filename(f"{out}/sub-{i:02d}.nii.gz")
