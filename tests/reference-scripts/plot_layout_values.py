"""Expected values for `ari plot`'s nilearn-parity fixes, from nilearn 0.10.3's own plotting code.

Run from the repository root:
    PYTHONPATH=/opt/peers/nilearn-0.10.3 /usr/bin/python3 tests/reference-scripts/plot_layout_values.py \
        > tests/Ari.Tests/Plotting/plot_layout_values.json
- x_cuts: find_cut_slices(map, "x", 7) (nilearn keeps the image's axis order: decreasing x when x is flipped).
- stat_slices: for plot_stat_map(z, display_mode="z"/"x"/"y", cut_coords=[c]) over the MNI template, the stat map's
  own voxel index nilearn draws (it rounds the cut in the stat map's grid), found from the drawn 2D array.
- figure sizes in pixels at dpi 100: mosaic (with and without colorbar), and whether the figure is black when the
  background is the user's own image (bg_img=path) versus nilearn's default template.
"""
import json, sys, warnings
import numpy as np
import nibabel as nib
import matplotlib
matplotlib.use("Agg")
from nilearn import plotting
from nilearn.plotting.find_cuts import find_cut_slices
warnings.simplefilter("ignore")

out = {}
maps = {"localizer16": "../shared/reference/nilearn/localizer16/z_score.nii.gz",
        "fsl_auditory": "../shared/data/real/fsl_auditory/zstat.nii.gz"}
out["x_cuts"] = {k: [float(c) for c in find_cut_slices(nib.load(p), direction="x", n_cuts=7)] for k, p in maps.items()}

z = nib.load(maps["localizer16"])
data = z.get_fdata()[::-1]  # nilearn draws the reordered image (x increasing)
inv = np.linalg.inv(z.affine)
inv = np.linalg.inv(z.affine)
cases = []
for direction, coords in [("z", [-24.4, -9.6, 33.5, 45.2, 57.9, 1.5, 4.5]), ("x", [-40.5, 10.4, 37.5]), ("y", [-20.5, 11.6, -7.5])]:
    axis = "xyz".index(direction)
    for c in coords:
        display = plotting.plot_stat_map(z, display_mode=direction, cut_coords=[c], threshold=None, colorbar=False)
        ax = list(display.axes.values())[0].ax
        shown = np.asarray(ax.images[-1].get_array())
        found = []
        for k in range(data.shape[axis]):
            sl = np.rot90(np.take(data, k, axis=axis))
            if sl.shape == shown.shape and np.allclose(np.ma.filled(shown, 0), sl, atol=1e-6):
                found.append(k if axis != 0 else data.shape[0] - 1 - k)  # the file's voxel index
        point = [0.0, 0.0, 0.0]
        point[axis] = c
        voxel = inv @ np.array(point + [1.0])  # in the file's own voxel grid
        cases.append({"direction": direction, "coordinate": c, "voxel_index": found, "exact_voxel": float(voxel[axis])})
        matplotlib.pyplot.close("all")
out["stat_slices"] = cases

def size(**kw):
    d = plotting.plot_stat_map(z, **kw)
    fig = d.frame_axes.figure
    w, h = fig.get_size_inches() * 100
    black = fig.get_facecolor()[:3] == (0.0, 0.0, 0.0)
    matplotlib.pyplot.close("all")
    return {"width": int(w), "height": int(h), "black": bool(black)}
out["mosaic"] = size(display_mode="mosaic", cut_coords=7)
out["mosaic_no_colorbar"] = size(display_mode="mosaic", cut_coords=7, colorbar=False)
out["z_cuts_3"] = size(display_mode="z", cut_coords=3)
out["user_bg"] = size(display_mode="z", cut_coords=[10], bg_img="../shared/data/real/mni152_2009_t1_1mm.nii.gz")
out["default_bg"] = size(display_mode="z", cut_coords=[10])
json.dump(out, sys.stdout, indent=1)
sys.stdout.write("\n")
