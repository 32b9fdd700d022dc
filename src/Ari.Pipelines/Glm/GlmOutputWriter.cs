using System.Globalization;
using System.Text;
using System.Text.Json;
using Ari.Imaging;
using Ari.IO;
using Ari.Nifti;

using Ari.Glm;

namespace Ari.Pipelines.Glm;

/// <summary>Where a GLM's inputs and parameters came from, for glm.json.</summary>
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
public static class GlmOutputWriter
{
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

    /// <summary>The five statistical maps and the mask, encoded in parallel.</summary>
    public static void WriteImages(OutputSet outputs, ContrastMaps maps, ImageGrid grid, NiftiDataType imageType = NiftiDataType.Float64)
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
        var encoded = new byte[jobs.Count][];
        Parallel.For(0, jobs.Count, j => encoded[j] = jobs[j].Encode());
        for (int j = 0; j < jobs.Count; j++) outputs.WriteAllBytes(jobs[j].File, encoded[j]);
    }

    /// <summary>design.tsv (map path, then the design columns) and glm.json.</summary>
    public static void WriteDesignAndSummary(OutputSet outputs, SecondLevelModel model, ContrastMaps maps, GlmProvenance provenance)
    {
        outputs.WriteAllText(FileNames["design"], DesignTsv(model.Design, model.MapNames));
        outputs.WriteAllBytes("glm.json", SummaryJson(model, maps, provenance));
    }

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

    public static byte[] SummaryJson(SecondLevelModel model, ContrastMaps maps, GlmProvenance provenance)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("ari_version", AriVersion.Current);
            json.WriteString("command", provenance.Command);
            json.WriteStartArray("inputs");
            foreach (var input in provenance.Inputs)
            {
                json.WriteStartObject();
                json.WriteString("path", input.Path);
                json.WriteNumber("bytes", input.Bytes);
                json.WriteString("sha256", input.Sha256);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartObject("design");
            json.WriteString("file", FileNames["design"]);
            json.WriteStartArray("columns");
            foreach (string column in model.Design.Columns) json.WriteStringValue(column);
            json.WriteEndArray();
            json.WriteNumber("rows", model.Design.RowCount);
            json.WriteString("source", provenance.DesignSource ?? "intercept only");
            if (provenance.DesignPairing is { } pairing) json.WriteString("rows_paired_by", pairing);
            json.WriteEndObject();

            json.WriteStartObject("contrast");
            json.WriteString("expression", maps.Contrast.Expression);
            json.WriteString("type", maps.Contrast.Type == StatType.T ? "t" : "F");
            json.WriteStartArray("matrix");
            for (int r = 0; r < maps.Contrast.RowCount; r++)
            {
                json.WriteStartArray();
                for (int c = 0; c < maps.Contrast.ColumnCount; c++) json.WriteNumberValue(maps.Contrast[r, c]);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();

            if (provenance.SmoothingFwhm is { } fwhm) json.WriteNumber("smoothing_fwhm_mm", fwhm);
            else json.WriteNull("smoothing_fwhm_mm");

            json.WriteStartObject("mask");
            json.WriteString("source", provenance.MaskSource);
            json.WriteNumber("voxels", maps.Mask.Count);
            if (provenance.MaskResampling is { } resampling) json.WriteString("resampled", resampling);
            else json.WriteNull("resampled");
            json.WriteEndObject();

            json.WriteNumber("dof", maps.Dof);

            var grid = model.Grid;
            json.WriteStartObject("grid");
            GridJson.WriteShapeAndAffine(json, grid);
            json.WriteEndObject();

            json.WriteStartObject("outputs");
            foreach (var (key, file) in FileNames) json.WriteString(key, file);
            json.WriteEndObject();

            json.WriteStartObject("seconds");
            foreach (string step in new[] { "read", "mask", "smooth", "fit", "contrast", "write", "total" })
                json.WriteNumber(step, Math.Round(provenance.Seconds.GetValueOrDefault(step), 6));
            json.WriteEndObject();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static byte[] Encode<T>(ImageGrid grid, IReadOnlyList<T[]> frames, NiftiWriteOptions options) where T : unmanaged, System.Numerics.INumberBase<T>
    {
        using var stream = new MemoryStream();
        NiftiWriter.WriteTo(stream, gzip: true, grid, frames, options);
        return stream.ToArray();
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
