using System.Text.Json;
using Ari.Glm;
using Ari.IO;
using Ari.Pipelines.Folders;

namespace Ari.Pipelines.Glm;

/// <summary>
/// glm.json, the record `ari glm` keeps of a fit: provenance, design, contrast, smoothing, mask, degrees of freedom,
/// grid, output files and seconds per step. <see cref="ToJson"/> writes it and <see cref="Read"/> reads it back (the
/// one schema of the file).
/// </summary>
/// <param name="AriVersion">The Ari that fitted the model.</param>
/// <param name="Command">The command line.</param>
/// <param name="Inputs">The maps and tables read, with sizes and SHA-256.</param>
/// <param name="DesignFile">The design table in the folder (design.tsv).</param>
/// <param name="DesignColumns">The design's columns.</param>
/// <param name="DesignRows">Rows of the design (one per map).</param>
/// <param name="DesignSource">Where the design came from ("intercept only" or the table's path).</param>
/// <param name="DesignPairing">How table rows were paired with maps, or null.</param>
/// <param name="ContrastExpression">The contrast as given.</param>
/// <param name="ContrastType">"t" or "F".</param>
/// <param name="ContrastMatrix">The contrast's rows of weights.</param>
/// <param name="SmoothingFwhm">Smoothing in mm, or null for none.</param>
/// <param name="MaskSource">Where the mask came from.</param>
/// <param name="MaskVoxels">Voxels in the mask.</param>
/// <param name="MaskResampled">How the mask was resampled to the maps' grid, or null.</param>
/// <param name="Dof">Residual degrees of freedom.</param>
/// <param name="Rank">The design's rank.</param>
/// <param name="Notes">Where Ari differs from nilearn on purpose for this fit.</param>
/// <param name="Grid">The maps' grid.</param>
/// <param name="Outputs">Output name → file name in the folder.</param>
/// <param name="Seconds">Seconds per step.</param>
public sealed record GlmSummary(
    string AriVersion,
    string Command,
    IReadOnlyList<FileFingerprint> Inputs,
    string DesignFile,
    IReadOnlyList<string> DesignColumns,
    int DesignRows,
    string DesignSource,
    string? DesignPairing,
    string ContrastExpression,
    string ContrastType,
    IReadOnlyList<IReadOnlyList<double>> ContrastMatrix,
    double? SmoothingFwhm,
    string MaskSource,
    int MaskVoxels,
    string? MaskResampled,
    int Dof,
    int Rank,
    IReadOnlyList<string> Notes,
    ImageGrid Grid,
    IReadOnlyList<(string Name, string File)> Outputs,
    IReadOnlyList<(string Step, double Seconds)> Seconds)
{
    /// <summary>The file's name in the folder.</summary>
    public const string FileName = "glm.json";

    /// <summary>The steps glm.json times, in order.</summary>
    public static readonly IReadOnlyList<string> Steps = ["read", "mask", "smooth", "fit", "contrast", "write", "total"];

    /// <summary>The record of a fit in memory (what <see cref="GlmOutputWriter"/> writes).</summary>
    public static GlmSummary Of(SecondLevelModel model, ContrastMaps maps, GlmProvenance provenance)
    {
        var contrast = maps.Contrast;
        var matrix = Enumerable.Range(0, contrast.RowCount)
            .Select(r => (IReadOnlyList<double>)Enumerable.Range(0, contrast.ColumnCount).Select(c => contrast[r, c]).ToArray()).ToArray();
        var outputs = GlmOutputWriter.FileNames.Select(p => (p.Key, p.Value)).ToList();
        if (CohensD.Applies(model.Design, maps)) outputs.Add(("cohens_d", GlmOutputWriter.CohensDFile));
        return new GlmSummary(Ari.AriVersion.Current, provenance.Command, provenance.Inputs, GlmOutputWriter.FileNames["design"],
            model.Design.Columns.ToArray(), model.Design.RowCount, provenance.DesignSource ?? "intercept only", provenance.DesignPairing,
            contrast.Expression, contrast.Type == StatType.T ? "t" : "F", matrix, provenance.SmoothingFwhm,
            provenance.MaskSource, maps.Mask.Count, provenance.MaskResampling, maps.Dof, model.Ols.Rank,
            GlmOutputWriter.RankDeficiencyNote(model) is { } note ? [note] : [], model.Grid, outputs,
            Steps.Select(s => (s, Math.Round(provenance.Seconds.GetValueOrDefault(s), 6))).ToArray());
    }

    /// <summary>glm.json's bytes (indented, a final newline).</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("ari_version", AriVersion);
            json.WriteString("command", Command);
            FileFingerprint.WriteJsonArray(json, "inputs", Inputs);

            json.WriteStartObject("design");
            json.WriteString("file", DesignFile);
            json.WriteStartArray("columns");
            foreach (string column in DesignColumns) json.WriteStringValue(column);
            json.WriteEndArray();
            json.WriteNumber("rows", DesignRows);
            json.WriteString("source", DesignSource);
            if (DesignPairing is { } pairing) json.WriteString("rows_paired_by", pairing);
            json.WriteEndObject();

            json.WriteStartObject("contrast");
            json.WriteString("expression", ContrastExpression);
            json.WriteString("type", ContrastType);
            json.WriteStartArray("matrix");
            foreach (var row in ContrastMatrix)
            {
                json.WriteStartArray();
                foreach (double v in row) json.WriteNumberValue(v);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteNumberOrNull("smoothing_fwhm_mm", SmoothingFwhm);

            json.WriteStartObject("mask");
            json.WriteString("source", MaskSource);
            json.WriteNumber("voxels", MaskVoxels);
            json.WriteStringOrNull("resampled", MaskResampled);
            json.WriteEndObject();

            json.WriteNumber("dof", Dof);
            json.WriteNumber("rank", Rank);
            json.WriteStartArray("notes");
            foreach (string note in Notes) json.WriteStringValue(note);
            json.WriteEndArray();

            json.WriteStartObject("grid");
            GridJson.WriteShapeAndAffine(json, Grid);
            json.WriteEndObject();

            json.WriteStartObject("outputs");
            foreach (var (name, file) in Outputs) json.WriteString(name, file);
            json.WriteEndObject();

            json.WriteSeconds(Seconds);
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads glm.json; errors name the file and <paramref name="option"/>.</summary>
    public static GlmSummary Read(string path, string option)
    {
        using var document = FolderFiles.ReadJson(path, option);
        var root = document.RootElement;
        AriException Missing(string field) => new($"{path}: no valid '{field}' ({option})");
        var shape = FolderFiles.Numbers(root, "grid", "shape");
        var affine = FolderFiles.Numbers(root, "grid", "affine");
        if (shape.Length != 3 || affine.Length < 12 || shape.Any(n => !(n >= 1 && n <= int.MaxValue))) throw Missing("grid");
        var grid = new ImageGrid((int)shape[0], (int)shape[1], (int)shape[2], Affine.FromRows(affine.AsSpan(0, affine.Length >= 16 ? 16 : 12)));
        var matrix = FolderFiles.Get(root, "contrast", "matrix") is { ValueKind: JsonValueKind.Array } m
            ? m.EnumerateArray().Select(r => (IReadOnlyList<double>)(r.ValueKind == JsonValueKind.Array
                ? r.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble()).ToArray() : [])).ToArray()
            : [];
        return new GlmSummary(
            FolderFiles.String(root, "ari_version") ?? "",
            FolderFiles.String(root, "command") ?? "",
            FolderFiles.Get(root, "inputs") is { ValueKind: JsonValueKind.Array } inputs
                ? inputs.EnumerateArray().Select(i => new FileFingerprint(FolderFiles.String(i, "path") ?? "",
                    FolderFiles.Number(i, "bytes") is { } b ? (long)b : -1, FolderFiles.String(i, "sha256") ?? "")).ToArray()
                : [],
            FolderFiles.String(root, "design", "file") ?? FolderFiles.String(root, "outputs", "design") ?? "design.tsv",
            FolderFiles.Get(root, "design", "columns") is { ValueKind: JsonValueKind.Array } columns
                ? columns.EnumerateArray().Select(c => c.GetString() ?? "").ToArray() : [],
            (int)(FolderFiles.Number(root, "design", "rows") ?? 0),
            FolderFiles.String(root, "design", "source") ?? "",
            FolderFiles.String(root, "design", "rows_paired_by"),
            FolderFiles.String(root, "contrast", "expression") ?? throw Missing("contrast.expression"),
            FolderFiles.String(root, "contrast", "type") ?? "t",
            matrix,
            FolderFiles.Number(root, "smoothing_fwhm_mm"),
            FolderFiles.String(root, "mask", "source") ?? "",
            (int)(FolderFiles.Number(root, "mask", "voxels") ?? 0),
            FolderFiles.String(root, "mask", "resampled"),
            (int)(FolderFiles.Number(root, "dof") ?? 0),
            (int)(FolderFiles.Number(root, "rank") ?? 0),
            FolderFiles.Get(root, "notes") is { ValueKind: JsonValueKind.Array } notes
                ? notes.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!).ToArray() : [],
            grid,
            FolderFiles.Get(root, "outputs") is { ValueKind: JsonValueKind.Object } outputs
                ? outputs.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => (p.Name, p.Value.GetString()!)).ToArray() : [],
            FolderFiles.Seconds(root));
    }

    /// <summary>The file an output was written to, or null.</summary>
    public string? Output(string name) => Outputs.FirstOrDefault(o => o.Name == name).File;
}
