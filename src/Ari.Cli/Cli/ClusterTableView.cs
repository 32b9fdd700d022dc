using System.Globalization;
using Ari.Inference;
using Spectre.Console;

namespace Ari.Cli.Cli;

/// <summary>The cluster table on the terminal: the whole-mask bound, then the largest clusters first within each threshold.</summary>
internal static class ClusterTableView
{
    public static void Print(ClusterLevelResult result, bool labelMap, int rowsPerThreshold)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv,
            $"{result.Mask.Count:N0} voxels, Hommel h = {result.HommelValue:N0}: at least {result.TrueDiscoveries:N0} true discoveries in the mask (alpha {result.Alpha})."));
        if (result.Clusters.Count == 0)
        {
            Console.WriteLine(labelMap ? "No labelled voxel inside the mask." : "No cluster above the threshold(s).");
            return;
        }
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn(labelMap ? "label" : "threshold"));
        if (!labelMap) table.AddColumn(new TableColumn("cluster").RightAligned());
        foreach (var name in new[] { "size", "mm3", "true disc.", "TDP", "peak z" })
            table.AddColumn(new TableColumn(name).RightAligned());
        table.AddColumn(new TableColumn("peak (mm)").RightAligned());
        int hidden = 0;
        foreach (var group in result.Clusters.LargestFirst().GroupBy(c => c.Threshold).OrderBy(g => Math.Abs(g.Key ?? 0)).ThenByDescending(g => g.Key))
        {
            int shown = 0;
            foreach (var c in group)
            {
                if (++shown > rowsPerThreshold) { hidden++; continue; }
                var cells = new List<string>();
                if (c.Threshold is { } t) cells.Add(t > 0 || (t == 0 && !double.IsNegative(t)) ? $"z > {Text(t)}" : $"z < {Text(t)}");
                cells.Add(c.Id.ToString(inv));
                cells.AddRange([
                    c.Size.ToString("N0", inv), result.Clusters.SizeMm3(c) is { } mm3 ? mm3.ToString("N0", inv) : "", c.TrueDiscoveries.ToString("N0", inv), c.Tdp.ToString("0.000", inv),
                    c.PeakStat.ToString("0.00", inv),
                    c.PeakMm.ToWholeString(),
                ]);
                table.AddRow(cells.Select(Markup.Escape).ToArray());
            }
        }
        AnsiConsole.Write(table);
        if (hidden > 0)
            Console.WriteLine($"... and {hidden.ToString("N0", inv)} smaller clusters (at most {rowsPerThreshold} shown per threshold); all are in clusters.tsv.");
    }

    private static string Text(double v) => v.ToString(CultureInfo.InvariantCulture);
}
