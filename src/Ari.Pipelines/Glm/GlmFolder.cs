using Ari.Glm;
using Ari.Nifti;
using Ari.Pipelines.Folders;

namespace Ari.Pipelines.Glm;

/// <summary>A design as design.tsv holds it: the design's columns and, per map, its path and row of numbers.</summary>
/// <param name="Columns">The design's columns (design.tsv's columns after "map").</param>
/// <param name="Maps">Each row's map.</param>
/// <param name="Rows">Each row's values.</param>
public sealed record DesignRows(IReadOnlyList<string> Columns, IReadOnlyList<string> Maps, IReadOnlyList<double[]> Rows)
{
    /// <summary>The design of a fit in memory.</summary>
    public static DesignRows Of(SecondLevelModel model)
    {
        var design = model.Design;
        var rows = Enumerable.Range(0, design.RowCount).Select(r => Enumerable.Range(0, design.ColumnCount).Select(c => design[r, c]).ToArray()).ToArray();
        return new DesignRows(design.Columns.ToArray(), model.MapNames.ToArray(), rows);
    }
}

/// <summary>
/// The folder `ari glm --out DIR` writes, read back: glm.json (<see cref="GlmSummary"/>), design.tsv
/// (<see cref="DesignRows"/>), and the paths of z_score.nii.gz and mask.nii.gz. <see cref="GlmOutputWriter"/> writes it.
/// </summary>
/// <param name="Directory">The folder.</param>
/// <param name="Summary">glm.json.</param>
/// <param name="Design">design.tsv.</param>
/// <param name="ZScorePath">The z map.</param>
/// <param name="MaskPath">The mask, or null when the folder has none.</param>
public sealed record GlmFolder(string Directory, GlmSummary Summary, DesignRows Design, string ZScorePath, string? MaskPath)
{
    /// <summary>The files this reader uses (for provenance).</summary>
    public IEnumerable<string> Files => new[] { Path.Combine(Directory, GlmSummary.FileName), Path.Combine(Directory, Summary.DesignFile), ZScorePath }
        .Concat(MaskPath is null ? [] : [MaskPath]);

    /// <summary>Reads a folder `ari glm` wrote; errors name the file and <paramref name="option"/>.</summary>
    public static GlmFolder Read(string directory, string option = "--glm")
    {
        FolderFiles.RequireFolder(directory, option);
        var summary = GlmSummary.Read(Path.Combine(directory, GlmSummary.FileName), option);
        var table = FolderFiles.ReadTsv(Path.Combine(directory, summary.DesignFile), option, "map");
        if (table.Columns.Length < 2) throw new AriException($"{table.Path}: no design columns after 'map' ({option})");
        var rows = new double[table.Rows.Count][];
        for (int r = 0; r < rows.Length; r++)
        {
            rows[r] = new double[table.Columns.Length - 1];
            for (int c = 1; c < table.Columns.Length; c++)
            {
                double v = table.Number(table.Rows[r], c);
                rows[r][c - 1] = double.IsNaN(v) ? throw new AriException($"{table.Path}: line {r + 2}, column '{table.Columns[c]}' is empty ({option})") : v;
            }
        }
        var design = new DesignRows(table.Columns[1..], table.Rows.Select(r => r[0]).ToArray(), rows);
        string zPath = Path.Combine(directory, summary.Output("z_score") ?? "z_score.nii.gz");
        FolderFiles.RequireFile(zPath, option);
        string maskPath = Path.Combine(directory, summary.Output("mask") ?? "mask.nii.gz");
        return new GlmFolder(directory, summary, design, zPath, File.Exists(maskPath) ? maskPath : null);
    }

    /// <summary>The z map.</summary>
    public Volume<double> ReadZScore() => ReadImage(ZScorePath);

    /// <summary>The mask, or null.</summary>
    public Volume<double>? ReadMask() => MaskPath is null ? null : ReadImage(MaskPath);

    private static Volume<double> ReadImage(string path)
    {
        try { return NiftiFile.Read(path); }
        catch (AriException e) { throw new AriException($"{e.Message} (--glm)", e); }
    }
}
