using Ari.Imaging;
using Ari.Nifti;

namespace Ari.Reporting.Inputs;

/// <summary>What `ari glm --out DIR` wrote: glm.json, design.tsv, z_score.nii.gz and mask.nii.gz.</summary>
public sealed record GlmFolder(string Directory, JsonSummary Summary, TsvTable Design, string ZScorePath, string? MaskPath)
{
    public const string Option = "--glm";

    /// <summary>Every file the report reads from this folder (for provenance).</summary>
    public IEnumerable<string> Files => new[] { System.IO.Path.Combine(Directory, "glm.json"), Design.Path, ZScorePath }
        .Concat(MaskPath is null ? [] : [MaskPath]);

    public static GlmFolder Open(string directory)
    {
        RequireFolder(directory, Option);
        var summary = JsonSummary.Read(System.IO.Path.Combine(directory, "glm.json"), Option);
        string designFile = summary.String("design", "file") ?? summary.String("outputs", "design") ?? "design.tsv";
        var design = TsvTable.Read(System.IO.Path.Combine(directory, designFile), Option);
        string zPath = System.IO.Path.Combine(directory, summary.String("outputs", "z_score") ?? "z_score.nii.gz");
        if (!File.Exists(zPath)) throw new AriException($"{zPath}: no such file ({Option})");
        string maskPath = System.IO.Path.Combine(directory, summary.String("outputs", "mask") ?? "mask.nii.gz");
        return new GlmFolder(directory, summary, design, zPath, File.Exists(maskPath) ? maskPath : null);
    }

    public Volume<double> ReadZScore() => Read(ZScorePath);

    public Volume<double>? ReadMask() => MaskPath is null ? null : Read(MaskPath);

    /// <summary>The design columns (all but the first, "map") and one row of numbers per map.</summary>
    public (string[] Columns, string[] Maps, double[][] Rows) DesignMatrix()
    {
        var columns = Design.Columns.Skip(1).ToArray();
        if (columns.Length == 0) throw new AriException($"{Design.Path}: no design columns after 'map' ({Option})");
        var maps = Design.Rows.Select(r => r[0]).ToArray();
        var rows = new double[Design.Rows.Count][];
        for (int r = 0; r < rows.Length; r++)
        {
            rows[r] = new double[columns.Length];
            for (int c = 0; c < columns.Length; c++)
                rows[r][c] = Design.Number(r, c + 1, Option)
                    ?? throw new AriException($"{Design.Path}: line {r + 2}, column '{columns[c]}' is empty ({Option})");
        }
        return (columns, maps, rows);
    }

    internal static void RequireFolder(string directory, string option)
    {
        if (File.Exists(directory)) throw new AriException($"{directory}: is a file; {option} takes the folder a command wrote");
        if (!System.IO.Directory.Exists(directory)) throw new AriException($"{directory}: no such folder ({option})");
    }

    internal static Volume<double> Read(string path)
    {
        try { return NiftiFile.Read(path); }
        catch (AriException e) { throw new AriException($"{e.Message} ({Option})", e); }
    }
}
