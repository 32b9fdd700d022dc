using System.Globalization;
using System.Text;
using System.Text.Json;
using Ari.Imaging;
using Ari.IO;
using Ari.Nifti;

using Ari.Glm;

namespace Ari.Pipelines.Glm;

/// <summary>Where a GLM's inputs and parameters came from, for glm.json.</summary>
/// <param name="Command">The command line.</param>
/// <param name="Inputs">The maps' fingerprints (path, size, SHA-256).</param>
/// <param name="DesignSource">The design table's path; null for an intercept-only design.</param>
/// <param name="SmoothingFwhm">FWHM in mm; null for no smoothing.</param>
/// <param name="MaskSource">Where the mask came from: a path, "given", or "background of the mean image".</param>
/// <param name="Seconds">Seconds per step, as <see cref="StepTimer.SecondsByStep"/> gives them.</param>
/// <param name="MaskResampling">How the mask was resampled to the maps' grid; null when it was on their grid.</param>
/// <param name="DesignPairing">How the table's rows were paired with the maps ("map", "participant_id", "subject_label" or "order"); null without a table.</param>
public sealed record GlmProvenance(
    string Command,
    IReadOnlyList<FileFingerprint> Inputs,
    string? DesignSource,
    double? SmoothingFwhm,
    string MaskSource,
    IReadOnlyDictionary<string, double> Seconds,
    string? MaskResampling = null,
    string? DesignPairing = null);

/// <summary>
/// Writes `ari glm`'s outputs into an <see cref="OutputSet"/>: z_score, stat, p_value, effect_size,
/// effect_variance (float64 on the maps' grid, 0 outside the mask; effect_size has one volume per contrast row),
/// mask (uint8), design.tsv and glm.json.
/// </summary>
internal static class GlmOutputWriter
{
    /// <summary>Output key (nilearn's output_type names, "mask", "design") to file name in the output folder.</summary>
    public static readonly IReadOnlyDictionary<string, string> FileNames = new Dictionary<string, string>
    {
        ["z_score"] = "z_score.nii.gz",
        ["stat"] = "stat.nii.gz",
        ["p_value"] = "p_value.nii.gz",
        ["effect_size"] = "effect_size.nii.gz",
        ["effect_variance"] = "effect_variance.nii.gz",
        ["mask"] = "mask.nii.gz",
        ["design"] = "design.tsv",
    };

    /// <summary>Cohen's d of a one-sample test (mean / sd of the subject maps); written only for one-sample designs.</summary>
    public const string CohensDFile = "cohens_d.nii.gz";

    /// <summary>The five statistical maps, the mask and (one-sample tests) Cohen's d, encoded in parallel.</summary>
    public static void WriteImages(OutputSet outputs, ContrastMaps maps, ImageGrid grid, double[]? cohensD = null, NiftiDataType imageType = NiftiDataType.Float64)
    {
        var mask = maps.Mask;
        var jobs = new List<(string File, Func<byte[]> Encode)>();
        foreach (string name in ContrastMaps.OutputNames)
        {
            string descrip = Truncate($"{name} of contrast {maps.Contrast.Expression}", 79);
            var frames = name == "effect_size"
                ? maps.EffectSize.Select(row => mask.Unmask(row).Data).ToArray()
                : [maps.ToVolume(name).Data];
            jobs.Add((FileNames[name], () => Encode(grid, frames, new NiftiWriteOptions { Descrip = descrip, DataType = imageType })));
        }
        jobs.Add((FileNames["mask"], () => Encode(grid, [mask.ToVolume().Data], new NiftiWriteOptions { Descrip = "mask" })));
        if (cohensD is not null)
            jobs.Add((CohensDFile, () => Encode(grid, [mask.Unmask(cohensD).Data], new NiftiWriteOptions { Descrip = "Cohen's d = mean / sd (one-sample)", DataType = imageType })));
        var encoded = new byte[jobs.Count][];
        Parallel.For(0, jobs.Count, j => encoded[j] = jobs[j].Encode());
        for (int j = 0; j < jobs.Count; j++) outputs.WriteAllBytes(jobs[j].File, encoded[j]);
    }

    /// <summary>design.tsv (map path, then the design columns) and glm.json; returns glm.json's record.</summary>
    public static GlmSummary WriteDesignAndSummary(OutputSet outputs, SecondLevelModel model, ContrastMaps maps, GlmProvenance provenance)
    {
        outputs.WriteAllText(FileNames["design"], DesignTsv(model.Design, model.MapNames));
        var summary = GlmSummary.Of(model, maps, provenance);
        outputs.WriteAllBytes(GlmSummary.FileName, summary.ToJson());
        return summary;
    }

    /// <summary>design.tsv's text: a header "map" then the design's columns, one tab-separated row per map (values round-trip, "R" format).</summary>
    /// <param name="design">The fitted design.</param>
    /// <param name="maps">The map names in design-row order.</param>
    public static string DesignTsv(DesignMatrix design, IReadOnlyList<string> maps)
    {
        var text = new StringBuilder();
        text.Append("map");
        foreach (string column in design.Columns) text.Append('\t').Append(column);
        text.Append('\n');
        for (int r = 0; r < design.RowCount; r++)
        {
            text.Append(maps[r]);
            for (int c = 0; c < design.ColumnCount; c++)
                text.Append('\t').Append(design[r, c].ToString("R", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>glm.json of a fit (<see cref="GlmSummary"/>).</summary>
    public static byte[] SummaryJson(SecondLevelModel model, ContrastMaps maps, GlmProvenance provenance) =>
        GlmSummary.Of(model, maps, provenance).ToJson();

    /// <summary>
    /// For a rank-deficient design, how Ari differs from nilearn on purpose; null otherwise. nilearn divides the residual
    /// sum of squares by n minus the number of columns but takes n minus the rank as the t's degrees of freedom; Ari uses
    /// n minus the rank for both (the unbiased variance of a least-squares fit).
    /// </summary>
    public static string? RankDeficiencyNote(SecondLevelModel model)
    {
        int columns = model.Design.ColumnCount, rank = model.Ols.Rank, n = model.Design.RowCount;
        if (rank >= columns) return null;
        return $"the design is rank-deficient (rank {rank} < {columns} columns): Ari divides the residual sum of squares by n - rank = {n - rank} " +
               $"and uses {n - rank} degrees of freedom; nilearn divides it by n - columns = {n - columns} but uses n - rank for the t, so its variances and statistics differ";
    }

    private static byte[] Encode<T>(ImageGrid grid, IReadOnlyList<T[]> frames, NiftiWriteOptions options) where T : unmanaged, System.Numerics.INumberBase<T>
    {
        using var stream = new MemoryStream();
        NiftiWriter.WriteTo(stream, gzip: true, grid, frames, options);
        return stream.ToArray();
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
