using System.Diagnostics;
using System.Numerics;
using Ari.Imaging;
using Ari.Masking;

namespace Ari.Glm;

/// <summary>
/// nilearn's SecondLevelModel for parametric (OLS) inference on one map per subject:
/// <code>
/// var model = new SecondLevelModel { SmoothingFwhm = 8 }.Fit(mapPaths, design);
/// ContrastMaps maps = model.ComputeContrast("intercept");
/// </code>
/// <see cref="Fit(IReadOnlyList{string}, DesignMatrix?)"/> streams the maps once, in parallel (read, smooth,
/// accumulate the OLS sufficient statistics of every voxel), so memory does not grow with the number of maps;
/// the mask is then the given one, or nilearn's background mask of the mean of the raw maps.
/// <see cref="ComputeContrast(Contrast)"/> needs no further reading.
/// </summary>
public sealed class SecondLevelModel
{
    /// <summary>Isotropic Gaussian smoothing applied to each map before masking, in mm (null: none).</summary>
    public double? SmoothingFwhm { get; init; }

    /// <summary>A mask on the maps' grid; by default the background mask of the mean map is computed.</summary>
    public Mask? Mask { get; init; }

    /// <summary>A mask file (resampled by nearest neighbour when on another grid); used when <see cref="Mask"/> is null.</summary>
    public string? MaskPath { get; init; }

    /// <summary>Progress messages, like nilearn's verbose=1.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Threads used to read and smooth maps (default: all cores).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>True once a Fit call has completed; the members that describe the fit throw <see cref="InvalidOperationException"/> before.</summary>
    public bool IsFitted => _beta is not null;
    /// <summary>The fitted design (the intercept-only design when none was given to Fit).</summary>
    public DesignMatrix Design => Fitted(_design);
    /// <summary>The OLS preparation of <see cref="Design"/>: pseudo-inverse, rank, residual degrees of freedom.</summary>
    public OlsDesign Ols => Fitted(_ols);
    /// <summary>The grid of the input maps (the first map's; the others must match it).</summary>
    public ImageGrid Grid => Fitted(_grid);

    /// <summary>The mask the model was fitted in (given, or computed from the mean map).</summary>
    public Mask FittedMask => Fitted(_mask);

    /// <summary>Where the mask came from: a path, "given", or "background of the mean image".</summary>
    public string MaskSource { get; private set; } = "";

    /// <summary>How the mask file was resampled to the maps' grid (nearest neighbour), or null when it was on their grid.</summary>
    public string? MaskResampling { get; private set; }

    /// <summary>Receives notes about the data that the user should see even without progress lines (a resampled mask).</summary>
    public Action<string>? Note { get; init; }

    /// <summary>The names of the maps (paths for files), in design-row order.</summary>
    public IReadOnlyList<string> MapNames => Fitted(_names);

    /// <summary>Seconds spent in each part of the fit: read, smooth, fit (accumulation), mask.</summary>
    public IReadOnlyDictionary<string, double> FitSeconds => Fitted(_seconds);

    /// <summary>Degrees of freedom of the residuals (n - rank of the design).</summary>
    public int ResidualDof => Ols.ResidualDof;

    private DesignMatrix? _design;
    private OlsDesign? _ols;
    private ImageGrid? _grid;
    private Mask? _mask;
    private IReadOnlyList<string>? _names;
    private Dictionary<string, double>? _seconds;
    private double[][]? _beta;
    private double[]? _rss;

    /// <summary>Fits the model to NIfTI maps (one per design row); the design defaults to an intercept.</summary>
    public SecondLevelModel Fit(IReadOnlyList<string> mapPaths, DesignMatrix? design = null)
    {
        ArgumentNullException.ThrowIfNull(mapPaths);
        if (mapPaths.Count == 0) throw AriException.For("maps", "no maps given");
        CheckDesign(design, mapPaths.Count);
        return Fit(MapSource.FromFiles(mapPaths), design);
    }

    /// <summary>Fits the model to float32 volumes in memory (smoothed in float32, as nilearn does).</summary>
    public SecondLevelModel Fit(IReadOnlyList<Volume<float>> maps, DesignMatrix? design = null)
    {
        ArgumentNullException.ThrowIfNull(maps);
        CheckDesign(design, maps.Count);
        return Fit(MapSource.FromVolumes(maps), design);
    }

    /// <summary>Fits the model to float64 volumes in memory (smoothed in float64).</summary>
    public SecondLevelModel Fit(IReadOnlyList<Volume<double>> maps, DesignMatrix? design = null)
    {
        ArgumentNullException.ThrowIfNull(maps);
        CheckDesign(design, maps.Count);
        return Fit(MapSource.FromVolumes(maps), design);
    }

    /// <summary>Computes a contrast written as text (see <see cref="Contrast.Parse"/>); null = the design's only column.</summary>
    public ContrastMaps ComputeContrast(string? contrast = null) =>
        ComputeContrast(contrast is null ? Contrast.Default(Design) : Contrast.Parse(contrast, Design));

    /// <summary>z, t (or F), p, effect and variance of a contrast in every voxel of the mask.</summary>
    public ContrastMaps ComputeContrast(Contrast contrast)
    {
        ArgumentNullException.ThrowIfNull(contrast);
        var ols = Ols;
        CheckContrast(contrast, ols);
        var watch = Stopwatch.StartNew();
        var maps = ContrastMaps.Compute(contrast, ols, _beta!, _rss!, FittedMask);
        Log?.Invoke($"Computed contrast '{contrast.Expression}' ({(contrast.Type == StatType.T ? "t" : "F")} test, {ols.ResidualDof} residual degrees of freedom) in {watch.Elapsed.TotalSeconds:0.000} s");
        return maps;
    }

    /// <summary>Refuses a contrast of the wrong width or one the design cannot estimate (needs no data).</summary>
    internal static void CheckContrast(Contrast contrast, OlsDesign ols)
    {
        if (contrast.ColumnCount != ols.ColumnCount)
            throw AriException.For("contrast", $"'{contrast.Expression}' has {contrast.ColumnCount} weights, the design has {ols.ColumnCount} columns ({string.Join(", ", ols.Design.Columns)})");
        for (int r = 0; r < contrast.RowCount; r++)
            if (!ols.IsEstimable(contrast.Row(r)))
                throw AriException.For("contrast", $"'{contrast.Expression}' is not estimable with this design{(contrast.RowCount > 1 ? $" (row {r + 1})" : "")}: " +
                    $"the design's columns ({string.Join(", ", ols.Design.Columns)}) are linearly dependent and the contrast weighs them in a way the data cannot determine");
    }

    private static void CheckDesign(DesignMatrix? design, int maps)
    {
        if (design is not null && design.RowCount != maps)
            throw new AriException($"the design has {design.RowCount} rows but there are {maps} maps; it needs one row per map");
    }

    private SecondLevelModel Fit(MapSource source, DesignMatrix? design)
    {
        var total = Stopwatch.StartNew();
        int n = source.Count;
        design ??= DesignMatrix.Intercept(n);
        var ols = PrepareDesign(design);
        var grid = source.Grid;
        Log?.Invoke($"Fitting second level model: {n} maps on {grid.ShapeText}, design {string.Join(" + ", design.Columns)}, " +
                    $"smoothing {(SmoothingFwhm is { } f ? $"FWHM {f:0.###} mm" : "none")}. Take a deep breath.");
        var mask = ResolveMask(grid); // before reading: a bad mask fails at once
        var (statistics, seconds) = Accumulate(source, ols, 0);
        FitStatistics(statistics, ols, grid, Enumerable.Range(0, n).Select(source.Name).ToArray(), seconds, mask);
        Log?.Invoke($"Computation of second level model done in {total.Elapsed.TotalSeconds:0.000} seconds ({_mask!.Count} voxels in the mask, {MaskSource}).");
        return this;
    }

    /// <summary>The given mask (checked against the grid) or the mask file resampled to it; null for the background mask.</summary>
    private Mask? ResolveMask(ImageGrid grid)
    {
        Mask? mask = Mask;
        if (mask is not null && !mask.Grid.Matches(grid))
            throw new AriException($"the mask's grid ({mask.Grid.ShapeText}) is not the maps' grid ({grid.ShapeText})");
        string? resampling = null;
        if (mask is null && MaskPath is not null)
        {
            var loaded = Masking.Mask.LoadFor(MaskPath, grid, "mask");
            mask = loaded.Mask;
            resampling = loaded.ResamplingNote;
            if (resampling is not null) Note?.Invoke($"note: the mask {MaskPath} is {resampling}");
        }
        _pendingResampling = resampling;
        return mask;
    }

    private string? _pendingResampling;

    /// <summary>The design prepared for OLS; refused when it leaves no residual degrees of freedom.</summary>
    internal static OlsDesign PrepareDesign(DesignMatrix design)
    {
        var ols = new OlsDesign(design);
        int n = design.RowCount;
        if (ols.ResidualDof < 1)
            throw new AriException(n <= ols.Rank
                ? $"{n} map{(n == 1 ? " is" : "s are")} too few for a design of rank {ols.Rank} ({string.Join(", ", design.Columns)}): at least {ols.Rank + 1} are needed for one residual degree of freedom"
                : $"the design leaves no residual degrees of freedom");
        return ols;
    }

    /// <summary>
    /// Reads, smooths and accumulates the maps of <paramref name="source"/> as design rows
    /// <paramref name="firstRow"/>.. (all of them for a single run, one shard's for a sharded one).
    /// </summary>
    internal (OlsStatistics Statistics, Dictionary<string, double> Seconds) Accumulate(MapSource source, OlsDesign ols, int firstRow)
    {
        var accumulator = new OlsAccumulator(ols, source.Grid.VoxelCount, firstRow, source.Count);
        var seconds = source.DoublePrecision ? Stream<double>(source, accumulator) : Stream<float>(source, accumulator);
        return (accumulator.Statistics, seconds);
    }

    /// <summary>
    /// Completes the fit from the statistics of every row (one run's, or the merge of all shards'): the mask
    /// (given, or the background of the mean map), then β and the residual sums of squares inside it.
    /// </summary>
    internal SecondLevelModel FitStatistics(OlsStatistics statistics, OlsDesign ols, ImageGrid grid, IReadOnlyList<string> names,
        Dictionary<string, double> seconds, Mask? mask = null)
    {
        if (statistics.RowCount != ols.RowCount)
            throw new AriException($"the statistics hold {statistics.RowCount} of the design's {ols.RowCount} maps");
        if (statistics.Voxels != grid.VoxelCount)
            throw new AriException($"the statistics hold {statistics.Voxels} voxels, the grid {grid.ShapeText} has {grid.VoxelCount}");
        mask ??= ResolveMask(grid);
        var maskWatch = Stopwatch.StartNew();
        string maskSource = MaskPath ?? "given";
        if (mask is null)
        {
            mask = BackgroundMask.Compute(new Volume<double>(grid, statistics.Mean()));
            maskSource = "background of the mean image";
            if (mask.IsEmpty) throw AriException.For("mask", "the mask computed from the mean of the maps is empty (every voxel equals the background value); give one");
        }
        var (beta, rss) = statistics.Results(mask.Indices.AsSpan());
        seconds["mask"] = maskWatch.Elapsed.TotalSeconds;

        _design = ols.Design; _ols = ols; _grid = grid; _mask = mask; MaskSource = maskSource; MaskResampling = _pendingResampling;
        _names = names;
        _beta = beta; _rss = rss; _seconds = seconds;
        return this;
    }

    /// <summary>
    /// Reads, smooths and accumulates every map. Maps are read and smoothed in parallel in batches, then
    /// added in order (so the result does not depend on thread timing). Returns busy seconds per activity,
    /// summed over threads and divided by the number of threads (an estimate of each one's share of wall time).
    /// </summary>
    private Dictionary<string, double> Stream<T>(MapSource source, OlsAccumulator accumulator) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = source.Count, voxels = source.Grid.VoxelCount;
        int workers = Math.Max(1, Math.Min(MaxDegreeOfParallelism, n));
        int batch = Math.Min(n, Math.Max(8, 2 * workers));
        var raw = Enumerable.Range(0, batch).Select(_ => new T[voxels]).ToArray();
        var smoothed = SmoothingFwhm is null ? raw : Enumerable.Range(0, batch).Select(_ => new T[voxels]).ToArray();
        var sigma = SmoothingFwhm is { } fwhm ? GaussianSmoothing.SigmaInVoxels(source.Grid, fwhm) : default;
        long readTicks = 0, smoothTicks = 0, fitTicks = 0;
        var errors = new Exception?[batch];
        for (int first = 0; first < n; first += batch)
        {
            int count = Math.Min(batch, n - first);
            Array.Clear(errors);
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = workers }, slot =>
            {
                try
                {
                    long start = Stopwatch.GetTimestamp();
                    source.Read<T>(first + slot, raw[slot]);
                    long read = Stopwatch.GetTimestamp();
                    Interlocked.Add(ref readTicks, read - start);
                    if (SmoothingFwhm is not null)
                    {
                        raw[slot].CopyTo(smoothed[slot], 0);
                        SmoothVoxels(smoothed[slot], source.Grid, sigma);
                        Interlocked.Add(ref smoothTicks, Stopwatch.GetTimestamp() - read);
                    }
                }
                catch (Exception e) { errors[slot] = e; }
            });
            if (errors.FirstOrDefault(e => e is not null) is { } error)
            {
                if (error is AriException) throw error;
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            }
            long fitStart = Stopwatch.GetTimestamp();
            accumulator.AddBatch(raw, smoothed, count);
            fitTicks += (Stopwatch.GetTimestamp() - fitStart) * workers;
        }
        double scale = 1.0 / (Stopwatch.Frequency * (double)workers);
        var seconds = new Dictionary<string, double>
        {
            ["read"] = readTicks * scale,
            ["smooth"] = smoothTicks * scale,
            ["fit"] = fitTicks * scale,
        };
        Log?.Invoke($"  read {n} maps: {seconds["read"]:0.000} s, smoothing: {seconds["smooth"]:0.000} s, model fit: {seconds["fit"]:0.000} s");
        return seconds;
    }

    private static void SmoothVoxels<T>(T[] data, ImageGrid grid, (double X, double Y, double Z) sigma) where T : unmanaged
    {
        if (data is float[] f) GaussianSmoothing.SmoothVoxels(f, grid, sigma);
        else if (data is double[] d) GaussianSmoothing.SmoothVoxels(d, grid, sigma);
        else throw new NotSupportedException(typeof(T).Name);
    }

    private static T Fitted<T>(T? value) where T : class =>
        value ?? throw new InvalidOperationException("the model has not been fitted yet; call Fit first");
}
