using System.Globalization;
using Ari.Pipelines.Tdp;
using Spectre.Console;

namespace Ari.Cli.Cli;

/// <summary>`ari tdp --compare-template`: parametric ARI's and the template's bounds side by side, largest clusters first.</summary>
internal static class TemplateComparisonView
{
    public static void Print(TemplateComparison comparison, int rowsPerThreshold)
    {
        var inv = CultureInfo.InvariantCulture;
        if (comparison.Rows.Count == 0) return;
        Console.WriteLine("Parametric ARI (Simes, Hommel's h) and the calibrated template, per cluster:");
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("threshold");
        foreach (var name in new[] { "cluster", "size", "ARI true disc.", "ARI TDP", "template true disc.", "template TDP" })
            table.AddColumn(new TableColumn(name).RightAligned());
        int hidden = 0;
        foreach (var group in comparison.Rows.GroupBy(r => r.Threshold).OrderBy(g => Math.Abs(g.Key ?? 0)).ThenByDescending(g => g.Key))
        {
            int shown = 0;
            foreach (var r in group.OrderByDescending(r => r.Size).ThenBy(r => r.ClusterId))
            {
                if (++shown > rowsPerThreshold) { hidden++; continue; }
                table.AddRow(Markup.Escape(r.Threshold is { } t ? string.Create(inv, $"{(t < 0 ? "z < " : "z > ")}{t}") : "label"),
                    r.ClusterId.ToString(inv), r.Size.ToString("N0", inv), r.AriTrueDiscoveries.ToString("N0", inv), r.AriTdp.ToString("0.000", inv),
                    r.TemplateTrueDiscoveries.ToString("N0", inv), r.TemplateTdp.ToString("0.000", inv));
            }
        }
        AnsiConsole.Write(table);
        if (hidden > 0) Console.WriteLine($"... and {hidden.ToString("N0", inv)} smaller clusters; all are in comparison.tsv.");
    }
}
