using Ari.IO;
using Ari.Nifti;

using Ari.Glm;

namespace Ari.Pipelines.Glm;

/// <summary>What `ari glm` was asked to do.</summary>
/// <param name="Maps">Map paths (already expanded); null or empty when the design table lists them in a 'map' column.</param>
/// <param name="DesignPath">A TSV/CSV design table; null for an intercept-only (one-sample) design.</param>
/// <param name="Contrast">The contrast text; null for the design's only column.</param>
/// <param name="SmoothingFwhm">FWHM in mm; null for no smoothing.</param>
/// <param name="MaskPath">A mask image; null for the background mask of the mean map.</param>
/// <param name="OutputDirectory">Where the outputs go (created if missing).</param>
/// <param name="Command">The command line, recorded in glm.json.</param>
/// <param name="ImageType">Stored type of the statistical maps and Cohen's d: float64 (default) or float32; the mask is always uint8.</param>
public sealed record GlmRequest(
    IReadOnlyList<string>? Maps,
    string? DesignPath,
    string? Contrast,
    double? SmoothingFwhm,
    string? MaskPath,
    string OutputDirectory,
    string Command,
    NiftiDataType ImageType = NiftiDataType.Float64);

/// <summary>The outcome of <see cref="GlmJob.Run"/>: the fitted model, the contrast maps and where they were written.</summary>
/// <param name="Model">The fitted model (design, mask, grid, OLS preparation).</param>
/// <param name="Maps">The contrast's maps over the mask.</param>
/// <param name="OutputDirectory">The output folder, as a full path.</param>
/// <param name="Seconds">Seconds per step ("read", "mask", "smooth", "fit", "contrast", "write", "total"; also "merge" after a combine).</param>
/// <param name="InterceptAdded">True when an intercept column was added to the design table.</param>
public sealed record GlmResult(SecondLevelModel Model, ContrastMaps Maps, string OutputDirectory, IReadOnlyDictionary<string, double> Seconds, bool InterceptAdded)
{
    /// <summary>What glm.json records of the fit (null when the job wrote no glm.json).</summary>
    public GlmSummary? Summary { get; init; }
}

/// <summary>
/// `ari glm` as a library call: resolve maps and design, fit, compute the contrast, write every output
/// all-or-nothing (<see cref="OutputSet"/>), with provenance in glm.json.
/// </summary>
public static class GlmJob
{
    /// <summary>The files a GLM writes in its output folder.</summary>
    public static IEnumerable<string> OutputFileNames => GlmOutputWriter.FileNames.Values.Append("glm.json");

    /// <summary>Runs `ari glm`: resolves the maps and design, fits, computes the contrast and writes every output, all or nothing.</summary>
    /// <param name="request">What to fit and where to write it.</param>
    /// <param name="log">Progress and timing lines (null: none).</param>
    /// <param name="note">Notes and warnings the user should see even without progress lines: a map given twice,
    /// rows paired by order, a resampled mask (null: none).</param>
    /// <exception cref="AriException">A bad input (its message names the parameter or file), or an output that would replace an input.</exception>
    public static GlmResult Run(GlmRequest request, Action<string>? log = null, Action<string>? note = null)
    {
        var timer = new StepTimer();
        OutputCollision.Refuse([.. request.Maps ?? [], request.DesignPath, request.MaskPath], request.OutputDirectory, OutputFileNames);
        WarnAboutDuplicates(request.Maps ?? [], note);
        var (maps, design, interceptAdded, pairing) = ResolveInputs(request, log, note);
        if (request.Maps is not { Count: > 0 })
        {
            OutputCollision.Refuse(maps, request.OutputDirectory, OutputFileNames); // maps named by the table's 'map' column
            WarnAboutDuplicates(maps, note);
        }
        using var outputs = new OutputSet(request.OutputDirectory);
        var fingerprints = Task.Run(() => FileFingerprint.Of(maps));

        var model = new SecondLevelModel { SmoothingFwhm = request.SmoothingFwhm, MaskPath = request.MaskPath, Log = log, Note = note };
        model.Fit(maps, design?.Design);
        foreach (var (step, value) in model.FitSeconds) timer.Record(step, value);
        var contrastMaps = timer.Run("contrast", "Computing the contrast", () => model.ComputeContrast(request.Contrast));

        var inputs = fingerprints.GetAwaiter().GetResult();
        var seconds = timer.SecondsByStep();
        var provenance = new GlmProvenance(request.Command, inputs, design?.Path, request.SmoothingFwhm, model.MaskSource, seconds,
            model.MaskResampling, pairing);
        var cohensD = CohensD.OneSample(model.Design, contrastMaps);
        timer.Run("write", "Writing the maps", () => GlmOutputWriter.WriteImages(outputs, contrastMaps, model.Grid, cohensD, request.ImageType));
        foreach (var (step, value) in timer.SecondsByStep()) seconds[step] = value;
        var summary = GlmOutputWriter.WriteDesignAndSummary(outputs, model, contrastMaps, provenance);
        outputs.Commit();
        if (GlmOutputWriter.RankDeficiencyNote(model) is { } noteText) note?.Invoke($"note: {noteText}");
        log?.Invoke($"Wrote {outputs.Directory} in {seconds["write"]:0.000} s (total {seconds["total"]:0.000} s)");
        return new GlmResult(model, contrastMaps, outputs.Directory, seconds, interceptAdded) { Summary = summary };
    }

    /// <summary>A map given twice is most likely a mistake (an overlapping glob): it counts as two subjects; say so.</summary>
    private static void WarnAboutDuplicates(IReadOnlyList<string> maps, Action<string>? note)
    {
        if (note is null) return;
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int m = 0; m < maps.Count; m++)
        {
            string resolved = ResolvedPath.Of(maps[m]);
            if (!first.TryAdd(resolved, m))
                note($"warning: the map {maps[m]} is given twice (maps {first[resolved] + 1} and {m + 1}); it counts as two subjects");
        }
    }

    /// <summary>
    /// The maps in design-row order and the design: from --maps alone (intercept), from a table alone (its
    /// 'map' column), or both (the table's rows are matched to the maps by path, else by participant_id or
    /// subject_label found in the maps' paths, else, with neither column, by order, with a note).
    /// </summary>
    internal static (IReadOnlyList<string> Maps, DesignTable? Design, bool InterceptAdded, string? Pairing) ResolveInputs(
        GlmRequest request, Action<string>? log, Action<string>? note = null)
    {
        var maps = request.Maps ?? [];
        if (request.DesignPath is null)
        {
            if (maps.Count == 0) throw AriException.For("maps", "no maps given");
            return (maps, null, false, null);
        }
        var table = DesignTable.Read(request.DesignPath);
        if (table.InterceptAdded)
            log?.Invoke($"Design {request.DesignPath}: columns {string.Join(", ", table.Design.Columns)} (an intercept was added: the table's columns do not span a constant)");
        else
            log?.Invoke($"Design {request.DesignPath}: columns {string.Join(", ", table.Design.Columns)}");
        if (table.MapPaths is null)
        {
            if (maps.Count == 0) throw AriException.For("maps", $"no maps given, and the design {request.DesignPath} has no '{DesignTable.MapColumn}' column naming them");
            if (table.RowIds is { } ids && table.IdColumn is { } idColumn)
            {
                var rowOfMap = MapPairing.ByIdentifier(ids, idColumn, maps, request.DesignPath);
                log?.Invoke($"Design rows paired with the maps by {idColumn}");
                return (maps, table with { Design = table.Design.SelectRows(rowOfMap) }, table.InterceptAdded, idColumn);
            }
            if (table.Design.RowCount != maps.Count)
                throw new AriException($"{request.DesignPath}: the design has {table.Design.RowCount} rows but there are {maps.Count} maps; it needs one row per map, in the order of the maps");
            note?.Invoke($"note: {request.DesignPath} has no '{DesignTable.MapColumn}', participant_id or subject_label column: its rows are paired with the maps in the order given");
            return (maps, table, table.InterceptAdded, "order");
        }
        if (maps.Count == 0) return (table.MapPaths, table, table.InterceptAdded, DesignTable.MapColumn);

        // Both: order the table's rows as the maps are given.
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int r = 0; r < table.MapPaths.Count; r++)
            if (!rowOf.TryAdd(table.MapPaths[r], r))
                throw new AriException($"{request.DesignPath}: the map {table.MapPaths[r]} is listed twice in the '{DesignTable.MapColumn}' column");
        var order = new List<int>();
        foreach (string map in maps)
        {
            if (!rowOf.TryGetValue(Path.GetFullPath(map), out int row))
                throw new AriException($"{map}: not listed in the '{DesignTable.MapColumn}' column of {request.DesignPath}");
            order.Add(row);
        }
        if (order.Distinct().Count() != order.Count)
            throw AriException.For("maps", "a map is given twice");
        if (order.Count != table.MapPaths.Count)
        {
            var missing = table.MapPaths.Where((_, r) => !order.Contains(r)).First();
            throw new AriException($"{request.DesignPath}: the table lists {missing}, which is not among the maps ({table.MapPaths.Count} rows, {maps.Count} maps)");
        }
        var reordered = table with { Design = table.Design.SelectRows(order), MapPaths = maps };
        return (maps, reordered, table.InterceptAdded, DesignTable.MapColumn);
    }
}
