using System.Globalization;
using System.Text;
using Ari.IO;

namespace Ari.Pipelines.Clusters;

/// <summary>tdp_clusters.tsv: written by `ari clusters`, read by `ari report --clusters` (the one schema of that file).</summary>
public sealed class TdpClustersTable(IReadOnlyList<TdpClusterRow> rows, bool hasSteps)
{
    /// <summary>The file's name in the output folder of `ari clusters`.</summary>
    public const string FileName = "tdp_clusters.tsv";

    private static readonly string[] BaseColumns =
    [
        "gamma", "cluster_id", "size", "true_discoveries", "true_nulls_upper", "tdp", "peak_stat",
        "peak_x", "peak_y", "peak_z", "peak_i", "peak_j", "peak_k", "com_x", "com_y", "com_z", "size_mm3",
    ];

    /// <summary>The rows, in file order.</summary>
    public IReadOnlyList<TdpClusterRow> Rows { get; } = rows;

    /// <summary>Whether the table has a `step` column (TDPChange steps were asked for).</summary>
    public bool HasSteps { get; } = hasSteps;

    /// <summary>The header: gamma, (step,) cluster_id, size, bounds, peak (mm and 0-based voxel), centre of mass (mm), size_mm3.</summary>
    public IReadOnlyList<string> Columns => HasSteps ? ["gamma", "step", .. BaseColumns[1..]] : BaseColumns;

    /// <summary>Tab-separated with a header row, invariant culture, "rest" as the cluster id of the rest of the mask.</summary>
    public void Write(Stream stream)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine(string.Join('\t', Columns));
        foreach (var r in Rows)
        {
            var cells = new List<string> { Number(r.Gamma) };
            if (HasSteps) cells.Add(Number(r.Step));
            cells.AddRange([
                r.ClusterId is { } id ? Number(id) : "rest", Number(r.Size), Number(r.TrueDiscoveries), Number(r.TrueNullsUpper),
                Number(r.Tdp), Number(r.PeakStat), Number(r.PeakMm.X), Number(r.PeakMm.Y), Number(r.PeakMm.Z),
                Number(r.PeakVoxel.I), Number(r.PeakVoxel.J), Number(r.PeakVoxel.K),
                Number(r.CentreOfMassMm.X), Number(r.CentreOfMassMm.Y), Number(r.CentreOfMassMm.Z), r.SizeMm3.ToString(CultureInfo.InvariantCulture),
            ]);
            writer.WriteLine(string.Join('\t', cells));
        }
    }

    /// <summary>Reads a table this class wrote; errors name the file.</summary>
    public static TdpClustersTable Read(string path)
    {
        var table = DelimitedTable.Read(path, message => new AriException(message));
        if (table.Columns.Length == 0) throw new AriException($"{path}: empty table");
        var header = table.Columns;
        bool steps = header.Contains("step");
        string[] expected = steps ? ["gamma", "step", .. BaseColumns[1..]] : BaseColumns;
        bool hasMm3 = header.SequenceEqual(expected);
        if (!hasMm3 && !header.AsSpan().SequenceEqual(expected.AsSpan(0, expected.Length - 1))) // tables written before size_mm3 was added
            throw new AriException($"{path}: not a tdp_clusters.tsv of `ari clusters` (header: {string.Join(", ", header)})");
        var rows = new List<TdpClusterRow>();
        for (int n = 0; n < table.Rows.Count; n++)
        {
            var c = table.Rows[n];
            int o = steps ? 1 : 0;
            try
            {
                rows.Add(new TdpClusterRow(D(c[0]), steps ? (int)D(c[1]) : 0, c[1 + o] == "rest" ? null : (int)D(c[1 + o]),
                    (int)D(c[2 + o]), (int)D(c[3 + o]), (int)D(c[4 + o]), D(c[5 + o]), D(c[6 + o]),
                    new Point3(D(c[7 + o]), D(c[8 + o]), D(c[9 + o])), ((int)D(c[10 + o]), (int)D(c[11 + o]), (int)D(c[12 + o])),
                    new Point3(D(c[13 + o]), D(c[14 + o]), D(c[15 + o])), hasMm3 ? (long)D(c[16 + o]) : 0));
            }
            catch (FormatException)
            {
                throw new AriException($"{path}: line {table.Lines[n]} holds a value that is not a number");
            }
        }
        return new TdpClustersTable(rows, steps);
    }

    private static double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
