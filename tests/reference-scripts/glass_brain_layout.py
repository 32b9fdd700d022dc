"""nilearn 0.10.3's plot_glass_brain layout (figure size, panel order, panel rectangles and world limits) and
maximum-intensity projections, for Ari's glass-brain tests.

Run: PYTHONPATH=/opt/peers/nilearn-0.10.3 /usr/bin/python3 tests/reference-scripts/glass_brain_layout.py [PNG_DIR]
Writes tests/reference-scripts/glass_brain_layout.tsv (one row per panel) and, with PNG_DIR, nilearn's figures.
"""
import os
import sys

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import nibabel as nib  # noqa: E402
from nilearn import plotting  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
stat = os.path.join(here, "..", "..", "..", "shared", "data", "real", "fsl_auditory", "zstat.nii.gz")
png_dir = sys.argv[1] if len(sys.argv) > 1 else None
rows = ["mode\tplot_abs\tcolorbar\tfig_width_px\tfig_height_px\tpanel\tdirection\tleft\tbottom\twidth\theight\txmin\txmax\tymin\tymax"]
for mode in ["ortho", "x", "y", "z", "lyrz"]:
    for plot_abs in [True, False]:
        for colorbar in [False, True]:
            display = plotting.plot_glass_brain(stat, display_mode=mode, plot_abs=plot_abs, colorbar=colorbar, threshold=3)
            fig = display.frame_axes.figure
            fig.canvas.draw()
            w, h = fig.canvas.get_width_height()
            for i, d in enumerate(display._cut_displayed):
                ax = display.axes[d].ax
                pos = ax.get_position()
                xmin, xmax = ax.get_xlim()
                ymin, ymax = ax.get_ylim()
                rows.append("\t".join(str(v) for v in [mode, plot_abs, colorbar, w, h, i, d,
                            f"{pos.x0:.6f}", f"{pos.y0:.6f}", f"{pos.width:.6f}", f"{pos.height:.6f}",
                            f"{xmin:.4f}", f"{xmax:.4f}", f"{ymin:.4f}", f"{ymax:.4f}"]))
            if png_dir:
                display.savefig(os.path.join(png_dir, f"nilearn_glass_{mode}_{'abs' if plot_abs else 'signed'}_{'cb' if colorbar else 'nocb'}.png"))
            display.close()

# Projection values: the MIP of |z| along x for a few (y, z) voxels, and the signed MIP (plot_abs=False) along z.
img = nib.load(stat)
data = np.asarray(img.dataobj, dtype=float)
absx = np.abs(data).max(axis=0)
signed_idx = np.abs(data).argmax(axis=2)
a1, a2 = np.indices(signed_idx.shape)
signedz = data[a1, a2, signed_idx]
with open(os.path.join(here, "glass_brain_layout.tsv"), "w") as f:
    f.write("\n".join(rows) + "\n")
with open(os.path.join(here, "glass_brain_projections.tsv"), "w") as f:
    f.write("projection\ti\tj\tvalue\n")
    for (j, k) in [(50, 40), (30, 60), (70, 45), (54, 20)]:
        f.write(f"abs_x\t{j}\t{k}\t{absx[j, k]:.9g}\n")
    for (i, j) in [(20, 50), (70, 50), (45, 30), (30, 80)]:
        f.write(f"signed_z\t{i}\t{j}\t{signedz[i, j]:.9g}\n")
    # threshold='auto' (fast_abs_percentile(data) - 1e-5) and the plot_abs colormap (upper half of cold_white_hot).
    from nilearn._utils.extmath import fast_abs_percentile
    from matplotlib.colors import LinearSegmentedColormap
    from nilearn.plotting import cm
    f.write(f"auto_threshold\t0\t0\t{fast_abs_percentile(data) - 1e-5:.9g}\n")
    pos = LinearSegmentedColormap.from_list("cmap_pos", cm.cold_white_hot(np.linspace(0.5, 1, 256)))
    lut = pos(np.arange(256), bytes=True)
    for i in [0, 1, 64, 128, 200, 255]:
        r, g, b = (int(c) for c in lut[i, :3])
        f.write(f"abs_cmap_rgb\t{i}\t0\t{r * 65536 + g * 256 + b}\n")
