using System.CommandLine;
using System.Globalization;
using Ari.Cli.Cli;
using Ari.Pipelines.Clusters;
using Spectre.Console;

namespace Ari.Cli.Commands;

/// <summary>
/// `ari clusters`: the largest clusters whose TDP lower bound is at least gamma (ARIbrain's TDPQuery), with optional
/// TDPChange steps; writes clusters_gamma-&lt;g&gt;.nii.gz, tdp_clusters.tsv, summary.json, cluster_tree.bin.
/// </summary>
internal static class ClustersCommand
{
    private const int RowsPerTable = 20;

    public static Command Create()
    {
        var stat = new Option<string?>("--stat") { Description = "z map (NIfTI, 3D): p = Phi(-z) unless --pvalues is given; the peaks' statistic" };
        var pValues = new Option<string?>("--pvalues") { Description = "p-value map (values in [0, 1]; NaN counts as 1)" };
        var mask = new Option<string?>("--mask") { Description = "Mask on the maps' grid (default: the background mask of --stat, else of --pvalues)" };
        var gamma = new Option<string>("--gamma") { Description = "TDP levels in (0, 1], comma-separated (0.4 weak, 0.7 moderate, 0.9 strong localisation)", DefaultValueFactory = _ => "0.7" };
        var alpha = NumberOptions.Real("--alpha", "Level: all bounds hold together with probability 1 - alpha", 0.05, new NumberRange(0, 1, MinOpen: true, MaxOpen: true));
        var connectivity = NumberOptions.Whole("--connectivity", "Voxels sharing a face (6), also an edge (18; ARIbrain's default), also a corner (26)", 18, 6, 26);
        var twoSided = new Option<bool>("--two-sided") { Description = "p = 2 Phi(-|z|) (clusters may then hold both signs)" };
        var at = new Option<string[]>("--at") { Description = "x,y,z (mm) of a voxel in a reported cluster to change (repeatable; write --at=-60,10,20 for negatives)", AllowMultipleArgumentsPerToken = false };
        var delta = new Option<string[]>("--delta") { Description = "TDPChange step for --at: > 0 zooms in (higher TDP), < 0 zooms out (repeatable, applied in order; write --delta=-0.01)", AllowMultipleArgumentsPerToken = false };
        var template = new Option<string?>("--template") { Description = "template.tsv of `ari permute --tdp-template`: its calibrated critical vector replaces Simes/Hommel" };
        var output = new Option<string>("--out") { Description = "Output folder", Required = true };

        var command = new Command("clusters", "Maximal clusters whose true discovery proportion is at least gamma (ARIbrain's TDPQuery / TDPChange)")
        {
            stat, pValues, mask, gamma, alpha, connectivity, twoSided, at, delta, template, output,
        };
        command.SetAction(parse =>
        {
            string? statPath = parse.GetValue(stat), pPath = parse.GetValue(pValues);
            if (statPath is null && pPath is null)
                throw new UsageException("--stat: give --stat or --pvalues (or both)");
            var gammas = OptionValues.ParseNumberList("--gamma", parse.GetValue(gamma)!, 100);
            foreach (double g in gammas)
                if (!(g > 0 && g <= 1))
                    throw new UsageException($"--gamma: {Text(g)} is outside (0, 1]");
            var changes = Changes(parse.GetValue(at) ?? [], parse.GetValue(delta) ?? []);
            if (changes.Count > 0 && gammas.Length != 1)
                throw new UsageException("--delta: TDPChange steps need exactly one --gamma");
            var request = new ClustersRequest(
                statPath is null ? null : OptionValues.ExistingFile("--stat", statPath),
                pPath is null ? null : OptionValues.ExistingFile("--pvalues", pPath),
                parse.GetValue(mask) is { } m ? OptionValues.ExistingFile("--mask", m) : null,
                gammas,
                parse.GetValue(alpha),
                OptionValues.OneOf("--connectivity", parse.GetValue(connectivity), 6, 18, 26),
                parse.GetValue(twoSided),
                changes,
                OptionValues.OutputFolder("--out", parse.GetValue(output)!),
                CommandLineText.From(parse),
                parse.GetValue(template) is { } tp ? OptionValues.ExistingFile("--template", tp) : null);
            var result = ClustersJob.Run(request, parse.GetValue(CliApp.Verbose) ? new Terminal(false, "clusters").Log : null);
            Print(result);
            Console.WriteLine($"Wrote clusters_gamma-*.nii.gz, {TdpClustersTable.FileName}, summary.json and {ClusterTreeFile.FileName} to {request.OutputDirectory}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static List<ClusterChange> Changes(string[] at, string[] delta)
    {
        if (at.Length == 0 && delta.Length == 0) return [];
        if (at.Length == 0) throw new UsageException("--delta: give --at x,y,z (mm) of a voxel in the cluster to change");
        if (delta.Length == 0) throw new UsageException("--at: give --delta (the TDP change, e.g. 0.01 or -0.01)");
        if (at.Length != 1 && delta.Length != 1 && at.Length != delta.Length)
            throw new UsageException($"--at: {at.Length} points for {delta.Length} --delta values; give one of them once, or as many of each");
        var points = at.Select(text =>
        {
            var xyz = OptionValues.ParseNumberList("--at", text);
            if (xyz.Length != 3) throw new UsageException($"--at: '{text}' is not x,y,z in mm");
            return new Point3(xyz[0], xyz[1], xyz[2]);
        }).ToArray();
        var deltas = delta.SelectMany(text => OptionValues.ParseNumberList("--delta", text)).ToArray();
        foreach (double d in deltas)
            if (!(d > -1 && d < 1) || d == 0)
                throw new UsageException($"--delta: {Text(d)} must be non-zero, between -1 and 1");
        int steps = Math.Max(points.Length, deltas.Length);
        return [.. Enumerable.Range(0, steps).Select(s => new ClusterChange(points[Math.Min(s, points.Length - 1)], deltas[Math.Min(s, deltas.Length - 1)]))];
    }

    private static void Print(ClustersResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        var bounds = result.Tree.Bounds;
        Console.WriteLine(string.Create(inv,
            $"{result.Tree.Count:N0} voxels, Hommel h = {bounds.HommelValue:N0}: at least {bounds.TotalTrueDiscoveries:N0} true discoveries in the mask (alpha {bounds.Alpha}); {result.Tree.StcCount:N0} supra-threshold clusters, {result.Tree.AdmissibleCount:N0} admissible."));
        foreach (var group in result.Table.Rows.GroupBy(r => (r.Gamma, r.Step)))
        {
            string title = group.Key.Step == 0 ? $"TDP >= {Text(group.Key.Gamma)}" : $"TDP >= {Text(group.Key.Gamma)}, after change {group.Key.Step}";
            var table = new Table().Border(TableBorder.Simple).Title(title);
            table.AddColumn("cluster");
            foreach (var name in new[] { "size", "mm³", "true disc.", "true nulls ≤", "TDP", "peak z", "peak (mm)" })
                table.AddColumn(new TableColumn(name).RightAligned());
            int shown = 0, hidden = 0;
            foreach (var r in group)
            {
                if (r.ClusterId is not null && ++shown > RowsPerTable) { hidden++; continue; }
                table.AddRow(Markup.Escape(r.ClusterId?.ToString(inv) ?? "rest"), r.Size.ToString("N0", inv), r.SizeMm3.ToString("N0", inv), r.TrueDiscoveries.ToString("N0", inv),
                    r.TrueNullsUpper.ToString("N0", inv), r.Size == 0 ? "n/a" : r.Tdp.ToString("0.000", inv), r.PeakStat.ToString("0.00", inv),
                    Markup.Escape(r.PeakMm.ToWholeString()));
            }
            AnsiConsole.Write(table);
            if (hidden > 0) Console.WriteLine($"... and {hidden.ToString("N0", inv)} smaller clusters; all are in {TdpClustersTable.FileName}.");
        }
    }

    private static string Text(double v) => v.ToString(CultureInfo.InvariantCulture);
}
