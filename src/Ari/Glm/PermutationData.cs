using System.Diagnostics;
using System.Numerics.Tensors;
using Ari.Imaging;
using Ari.Masking;

namespace Ari.Glm;

/// <summary>
/// The masked, smoothed maps of a second-level analysis kept in memory for permutations: an n x V matrix
/// (subject-major, float64) over the voxels of the mask, made exactly as <see cref="SecondLevelModel"/> makes
/// the data it fits (same smoothing in the maps' own precision, same background mask of the mean raw map,
/// non-finite values as 0). When no mask is given the maps are read twice (the mean, then the data), so memory
/// stays at the matrix plus a few maps.
/// </summary>
public sealed class PermutationData
{
    private PermutationData(double[] values, int subjects, Mask mask, string maskSource, IReadOnlyList<string> names, IReadOnlyDictionary<string, double> seconds)
    {
        Values = values; SubjectCount = subjects; Mask = mask; MaskSource = maskSource; MapNames = names; Seconds = seconds;
    }

    /// <summary>Row-major n x V: row i holds subject i's values at the mask's voxels (mask order).</summary>
    public double[] Values { get; }
    /// <summary>n: the number of maps (subjects), the rows of <see cref="Values"/>.</summary>
    public int SubjectCount { get; }
    /// <summary>V: the voxels of the mask, the columns of <see cref="Values"/>.</summary>
    public int VoxelCount => Mask.Count;
    /// <summary>The mask whose voxels (in mask order) the columns are.</summary>
    public Mask Mask { get; }
    /// <summary>The maps' (and the mask's) voxel grid.</summary>
    public ImageGrid Grid => Mask.Grid;
    /// <summary>Where the mask came from, for logs and provenance: its path, "given", or "background of the mean image".</summary>
    public string MaskSource { get; }
    /// <summary>The name of each map (its file path, or a label for in-memory maps), in row order.</summary>
    public IReadOnlyList<string> MapNames { get; }
    /// <summary>Wall-clock seconds of the loading stages ("mask", "read_smooth").</summary>
    public IReadOnlyDictionary<string, double> Seconds { get; }

    /// <summary>Reads, smooths and masks NIfTI maps (one per subject).</summary>
    public static PermutationData Load(IReadOnlyList<string> paths, double? fwhm, Mask? mask = null, string? maskPath = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0) throw new AriException("no input maps");
        return Load(MapSource.FromFiles(paths), fwhm, mask, maskPath, log);
    }

    /// <summary>The same from float32 volumes in memory (smoothed in float32, as nilearn does).</summary>
    public static PermutationData Load(IReadOnlyList<Volume<float>> maps, double? fwhm, Mask? mask = null) =>
        Load(MapSource.FromVolumes(maps), fwhm, mask, null, null);

    private static PermutationData Load(MapSource source, double? fwhm, Mask? mask, string? maskPath, Action<string>? log)
    {
        var grid = source.Grid;
        int n = source.Count;
        var seconds = new Dictionary<string, double>();
        var watch = Stopwatch.StartNew();
        string maskSource = maskPath ?? "given";
        if (mask is not null && !mask.Grid.Matches(grid))
            throw new AriException($"the mask's grid ({mask.Grid.ShapeText}) is not the maps' grid ({grid.ShapeText})");
        if (mask is null && maskPath is not null) mask = Mask.Load(maskPath, grid, "--mask");
        if (mask is null)
        {
            mask = BackgroundMask.Compute(new Volume<double>(grid, MeanOfRawMaps(source)));
            maskSource = "background of the mean image";
            if (mask.IsEmpty) throw new AriException("the mask computed from the mean of the maps is empty (every voxel equals the background value); give one with --mask");
        }
        seconds["mask"] = watch.Elapsed.TotalSeconds;
        watch.Restart();

        int voxels = mask.Count;
        var values = new double[(long)n * voxels];
        var sigma = fwhm is { } f and > 0 ? GaussianSmoothing.SigmaInVoxels(grid, f) : default;
        bool smooth = fwhm is > 0;
        var indices = mask.Indices;
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () => (F: (float[]?)null, D: (double[]?)null), (i, _, buffers) =>
        {
            var row = values.AsSpan(i * voxels, voxels);
            if (source.DoublePrecision)
            {
                buffers.D ??= new double[grid.VoxelCount];
                source.Read<double>(i, buffers.D);
                if (smooth) { GaussianSmoothing.SmoothVoxels(buffers.D, grid, sigma); }
                for (int v = 0; v < voxels; v++) row[v] = buffers.D[indices[v]];
            }
            else
            {
                buffers.F ??= new float[grid.VoxelCount];
                source.Read<float>(i, buffers.F);
                if (smooth) GaussianSmoothing.SmoothVoxels(buffers.F, grid, sigma);
                for (int v = 0; v < voxels; v++) row[v] = buffers.F[indices[v]];
            }
            for (int v = 0; v < voxels; v++) if (!double.IsFinite(row[v])) row[v] = 0;
            return buffers;
        }, _ => { });
        seconds["read_smooth"] = watch.Elapsed.TotalSeconds;
        log?.Invoke($"Read and smoothed {n} maps on {grid.ShapeText}: {voxels} voxels in the mask ({maskSource}) in {seconds["mask"] + seconds["read_smooth"]:0.000} s");
        return new PermutationData(values, n, mask, maskSource, Enumerable.Range(0, n).Select(source.Name).ToArray(), seconds);
    }

    /// <summary>The mean of the raw maps, summed in map order (as <see cref="OlsAccumulator"/> does, so the mask is the same).</summary>
    private static double[] MeanOfRawMaps(MapSource source)
    {
        int voxels = source.Grid.VoxelCount, n = source.Count;
        var sum = new double[voxels];
        int batch = Math.Max(2, Environment.ProcessorCount);
        var buffers = Enumerable.Range(0, batch).Select(_ => new double[voxels]).ToArray();
        for (int first = 0; first < n; first += batch)
        {
            int count = Math.Min(batch, n - first);
            Parallel.For(0, count, slot => ReadWide(source, first + slot, buffers[slot]));
            for (int b = 0; b < count; b++) TensorPrimitives.Add(sum, buffers[b], sum);
        }
        TensorPrimitives.Divide(sum, n, sum);
        return sum;
    }

    private static void ReadWide(MapSource source, int index, double[] destination)
    {
        if (source.DoublePrecision) { source.Read<double>(index, destination); return; }
        var f = new float[destination.Length];
        source.Read<float>(index, f);
        TensorPrimitives.ConvertChecked<float, double>(f, destination);
    }
}
