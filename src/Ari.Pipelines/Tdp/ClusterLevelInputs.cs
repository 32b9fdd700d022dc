using System.Globalization;
using Ari.Imaging;
using Ari.Masking;
using Ari.Nifti;

using Ari.Inference;

namespace Ari.Pipelines.Tdp;

/// <summary>
/// The images of `ari tdp`, read and checked before any work: a 3D statistic map with some finite value, and
/// a mask, p-value map and label map that must lie on its grid (they are not resampled: a p-value or label
/// resampled onto another grid would no longer belong to its voxel). Errors name the parameter and the file.
/// </summary>
/// <param name="MaskSource">"background of the statistic map" or the mask's path.</param>
internal sealed record ClusterLevelInputs(
    Volume<double> Stat,
    Mask Mask,
    string MaskSource,
    Volume<double>? PValues,
    Volume<double>? Regions)
{
    public const string BackgroundSource = "background of the statistic map";

    public static ClusterLevelInputs Load(string statPath, string? maskPath = null, string? pValuesPath = null, string? regionsPath = null)
    {
        var stat = Read("stat", statPath);
        StageTrace.Mark("tdp: read the z map");
        if (!Array.Exists(stat.Data, double.IsFinite))
            throw AriException.For("stat", $"{statPath}: the statistic map has no finite value");
        Mask mask;
        if (maskPath is null)
        {
            mask = BackgroundMask.Compute(stat);
            if (mask.IsEmpty)
                throw AriException.For("stat", $"{statPath}: its background mask is empty (every voxel has the border's value); give a mask");
        }
        else
        {
            var image = OnGrid("mask", maskPath, Read("mask", maskPath), statPath, stat.Grid);
            MaskValues.RequireBinary(image, maskPath, "mask");
            mask = Mask.FromVolume(image);
            if (mask.IsEmpty)
                throw AriException.For("mask", $"{maskPath}: the mask is empty (no non-zero finite voxel)");
        }
        StageTrace.Mark("tdp: mask");
        if (!mask.Indices.Any(v => double.IsFinite(stat.Data[v])))
            throw AriException.For("stat", $"{statPath}: the statistic map has no finite value inside the mask {maskPath ?? ""}".TrimEnd());
        var pValues = pValuesPath is null ? null : OnGrid("pValues", pValuesPath, Read("pValues", pValuesPath), statPath, stat.Grid);
        if (pValues is not null)
            foreach (int v in mask.Indices)
            {
                double p = pValues.Data[v];
                if (!double.IsNaN(p) && !(p >= 0 && p <= 1))
                {
                    var (i, j, k) = stat.Grid.Coordinates(v);
                    throw AriException.For("pValues", $"{pValuesPath}: holds {p.ToString(CultureInfo.InvariantCulture)} at voxel ({i}, {j}, {k}); p-values must lie between 0 and 1");
                }
            }
        var regions = regionsPath is null ? null : OnGrid("regions", regionsPath, Read("regions", regionsPath), statPath, stat.Grid);
        if (regions is not null)
            foreach (int v in mask.Indices)
            {
                double label = regions.Data[v];
                if (!(Math.Abs(label) < int.MaxValue) || label != Math.Round(label))
                {
                    var (i, j, k) = stat.Grid.Coordinates(v);
                    throw AriException.For("regions", $"{regionsPath}: holds {label.ToString(CultureInfo.InvariantCulture)} at voxel ({i}, {j}, {k}); labels must be whole numbers (0 = no region)");
                }
            }
        return new ClusterLevelInputs(stat, mask, maskPath ?? BackgroundSource, pValues, regions);
    }

    private static Volume<double> Read(string parameter, string path)
    {
        try { return NiftiFile.Read(path); }
        catch (NiftiFormatException e) { throw AriException.For(parameter, e.Message, e); }
    }

    private static Volume<double> OnGrid(string parameter, string path, Volume<double> image, string statPath, ImageGrid grid)
    {
        if (image.Grid.Matches(grid)) return image;
        bool sameShape = image.Grid.Nx == grid.Nx && image.Grid.Ny == grid.Ny && image.Grid.Nz == grid.Nz;
        throw AriException.For(parameter, sameShape
            ? $"{path} has the shape of the statistic map {statPath} ({grid.ShapeText}) but another affine; give an image on the statistic map's grid"
            : $"{path} is on a {Describe(image.Grid)} grid but the statistic map {statPath} is on {Describe(grid)}; give an image on the statistic map's grid");
    }

    private static string Describe(ImageGrid grid)
    {
        var (x, y, z) = grid.VoxelSizes;
        return string.Create(CultureInfo.InvariantCulture, $"{grid.ShapeText} ({x:0.##}x{y:0.##}x{z:0.##} mm)");
    }
}
