using System.CommandLine;
using Ari.Cli.Cli;
using Ari.IO;
using Ari.Reporting;

namespace Ari.Cli.Commands;

/// <summary>`ari report`: one self-contained HTML page of a glm and tdp analysis.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var glm = new Option<string?>("--glm") { Description = "The folder `ari glm --out` wrote (with --tdp)" };
        var tdp = new Option<string?>("--tdp") { Description = "The folder `ari tdp --out` wrote (with --glm)" };
        var clusters = new Option<string?>("--clusters") { Description = "The folder `ari clusters --out` wrote: a TDP-clusters section with a live gamma slider (alone: a page of that section)" };
        var bg = new Option<string?>("--bg") { Description = "Anatomical background for the figures and viewer (NIfTI); default: the MNI152 template in Ari's data folder, downloaded on first use" };
        var output = new Option<string>("--out", "-o") { Description = "The HTML file to write (must end in .html; missing folders are created)", Required = true };
        var command = new Command("report", "Write one self-contained HTML report of a glm and tdp analysis (figures, cluster table, viewer, provenance)")
        {
            glm, tdp, clusters, bg, output,
        };
        command.SetAction(async (parse, cancel) =>
        {
            string outPath = OptionValues.WithExtension("--out", OptionValues.OutputFile("--out", parse.GetValue(output)!), ".html", ".htm");
            string? clustersDir = parse.GetValue(clusters) is { } c ? OptionValues.ExistingFolder("--clusters", c) : null;
            if (parse.GetValue(glm) is null && parse.GetValue(tdp) is null && clustersDir is not null)
            {
                OutputCollision.Refuse([.. ClusterInputsOf(clustersDir)], [outPath]);
                AtomicFile.WriteAllText(outPath, Ari.Reporting.Sections.TdpClustersSection.Page(clustersDir, CommandLineText.From(parse)));
                Console.WriteLine($"{outPath}: {new FileInfo(outPath).Length / 1024:N0} KB, TDP clusters with a live gamma slider");
                return ExitCodes.Success;
            }
            if (parse.GetValue(glm) is null) throw new UsageException("--glm: give --glm and --tdp (or --clusters alone)");
            if (parse.GetValue(tdp) is null) throw new UsageException("--tdp: give --glm and --tdp (or --clusters alone)");
            string glmDir = OptionValues.ExistingFolder("--glm", parse.GetValue(glm)!);
            string tdpDir = OptionValues.ExistingFolder("--tdp", parse.GetValue(tdp)!);
            OutputCollision.Refuse([.. InputsOf(glmDir, tdpDir), .. clustersDir is null ? [] : ClusterInputsOf(clustersDir), parse.GetValue(bg)], [outPath]);
            var (bgPath, _) = await TemplateBackground.ResolveAsync(parse.GetValue(bg), new Terminal(false, "report"), cancel);
            var result = AnalysisReport.Build(new ReportRequest(parse.GetValue(glm)!, parse.GetValue(tdp)!, bgPath, CommandLineText.From(parse), clustersDir, outPath));
            if (result.BackgroundNote is { } note) Console.Error.WriteLine($"note: {note}");
            AtomicFile.WriteAllText(outPath, result.Html);
            long bytes = new FileInfo(outPath).Length;
            Console.WriteLine($"{outPath}: {bytes / 1024:N0} KB, {result.Clusters} cluster rows, interactive viewer {(result.ViewerIncluded ? "included" : "unavailable (NiiVue was not installed at build time)")}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The files a report reads from the two folders (as written by `ari glm` and `ari tdp`).</summary>
    private static IEnumerable<string> InputsOf(string glmDir, string tdpDir) =>
        GlmFiles.Select(f => Path.Combine(glmDir, f)).Concat(TdpFiles.Select(f => Path.Combine(tdpDir, f)));

    private static readonly string[] GlmFiles = ["glm.json", "design.tsv", "z_score.nii.gz", "mask.nii.gz"];
    private static readonly string[] TdpFiles = ["summary.json", "clusters.tsv", "tdp.nii.gz"];

    private static IEnumerable<string> ClusterInputsOf(string clustersDir) =>
        Directory.EnumerateFiles(clustersDir);
}
