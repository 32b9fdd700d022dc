using System.Globalization;
using Ari.Domain;
using Ari.Inference;
using Ari.Masking;
using Ari.Nifti;
using Ari.Statistics;

namespace Ari.Pipelines.Clusters;

/// <summary>
/// The images of `ari clusters`, read and checked before any work: the p-values of the in-mask voxels (from
/// --pvalues, or from --stat), the statistic at each (--stat, or z = Phi^-1(1 - p)), and the domain. Errors name the
/// option and the file.
/// </summary>
public sealed record ClustersInputs(GridDomain Domain, double[] PValues, double[] Stat, string MaskSource, string StatSource)
{
    public static ClustersInputs Load(string? statPath, string? pValuesPath, string? maskPath, int connectivity, bool twoSided)
    {
        if (statPath is null && pValuesPath is null)
            throw new AriException("--stat: give --stat or --pvalues");
        var stat = statPath is null ? null : MapFile.Read("--stat", statPath);
        var pMap = pValuesPath is null ? null : MapFile.Read("--pvalues", pValuesPath);
        var grid = (stat ?? pMap)!.Grid;
        if (stat is not null && pMap is not null && !pMap.Grid.Matches(grid))
            throw new AriException($"--pvalues: {pValuesPath} is on a {pMap.Grid.ShapeText} grid that differs from --stat {statPath} ({grid.ShapeText})");
        Mask mask;
        string maskSource;
        if (maskPath is not null)
        {
            var image = MapFile.ReadMask("--mask", maskPath);
            if (!image.Grid.Matches(grid))
                throw new AriException($"--mask: {maskPath} is on a {image.Grid.ShapeText} grid that differs from the maps' ({grid.ShapeText}); give a mask on their grid");
            mask = image.NonZero();
            maskSource = maskPath;
            if (mask.IsEmpty) throw new AriException($"--mask: {maskPath}: the mask is empty (no non-zero finite voxel)");
        }
        else
        {
            var source = stat ?? pMap!;
            mask = BackgroundMask.Compute(source.AsDouble());
            maskSource = "background of " + (stat is not null ? "the statistic map" : "the p-value map");
            if (mask.IsEmpty)
                throw new AriException($"{(stat is not null ? "--stat" : "--pvalues")}: {statPath ?? pValuesPath}: its background mask is empty; give --mask");
        }

        double[] p;
        if (pMap is not null)
        {
            var values = pMap.Extract(mask);
            for (int n = 0; n < values.Length; n++)
            {
                double v = values[n];
                if (double.IsNaN(v)) { values[n] = 1; continue; }
                if (!(v >= 0 && v <= 1))
                {
                    var (i, j, k) = grid.Coordinates(mask.Indices[n]);
                    throw new AriException($"--pvalues: {pValuesPath}: holds {v.ToString(CultureInfo.InvariantCulture)} at voxel ({i}, {j}, {k}); p-values must lie between 0 and 1");
                }
            }
            p = values;
        }
        else
        {
            var z = stat!.Extract(mask);
            if (!Array.Exists(z, double.IsFinite))
                throw new AriException($"--stat: {statPath}: the statistic map has no finite value inside the mask");
            p = VoxelPValues.FromZ(z, twoSided);
        }
        double[] statistic;
        string statSource;
        if (stat is not null)
        {
            statistic = stat.Extract(mask);
            statSource = statPath!;
        }
        else
        {
            statistic = new double[p.Length];
            for (int n = 0; n < p.Length; n++) statistic[n] = Normal.Isf(p[n]);
            statSource = "z = Phi^-1(1 - p) of the p-values";
        }
        return new ClustersInputs(new GridDomain(mask, connectivity), p, statistic, maskSource, statSource);
    }

    /// <summary>
    /// A map read in float32 when that holds its values exactly (float32 or integers of up to 16 bits, unscaled), else in
    /// float64: a 1 mm map costs 35 MB instead of 69 (nibabel's values either way).
    /// </summary>
    private sealed record MapFile(Volume<float>? Single, Volume<double>? Double, Volume<byte>? Bytes = null)
    {
        public ImageGrid Grid => Bytes?.Grid ?? Single?.Grid ?? Double!.Grid;

        /// <summary>A mask: uint8 (the usual type) as bytes, else as <see cref="Read"/>.</summary>
        public static MapFile ReadMask(string option, string path)
        {
            try
            {
                var header = NiftiFile.ReadHeader(path);
                if (header.DataType == NiftiDataType.UInt8 && !header.ScalesToFloat64)
                    return new MapFile(null, null, NiftiFile.ReadVolume<byte>(path));
            }
            catch (NiftiFormatException e) { throw new AriException($"{option}: {e.Message}", e); }
            return Read(option, path);
        }

        public static MapFile Read(string option, string path)
        {
            try
            {
                var header = NiftiFile.ReadHeader(path);
                bool single = (header.DataType is NiftiDataType.Float32 or NiftiDataType.UInt8 or NiftiDataType.Int8
                    or NiftiDataType.Int16 or NiftiDataType.UInt16) && !header.ScalesToFloat64;
                return single ? new MapFile(NiftiFile.ReadVolume<float>(path), null) : new MapFile(null, NiftiFile.Read(path));
            }
            catch (NiftiFormatException e) { throw new AriException($"{option}: {e.Message}", e); }
        }

        /// <summary>The in-mask values, in mask order.</summary>
        public double[] Extract(Mask mask)
        {
            if (Double is { } d) return mask.Extract<double>(d.Data);
            var values = mask.Extract<float>(Single!.Data);
            var result = new double[values.Length];
            for (int n = 0; n < values.Length; n++) result[n] = values[n];
            return result;
        }

        public Volume<double> AsDouble() => Double ?? new Volume<double>(Grid, Array.ConvertAll(Single!.Data, x => (double)x));

        /// <summary>The non-zero finite voxels.</summary>
        public Mask NonZero() => Bytes is { } b ? Mask.FromVolume(b) : Single is { } s ? Mask.FromVolume(s) : Mask.FromVolume(Double!);
    }
}
