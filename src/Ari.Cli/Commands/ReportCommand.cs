using System.CommandLine;
using Ari.Cli.Cli;
using Ari.IO;
using Ari.Reporting;

namespace Ari.Cli.Commands;

/// <summary>`ari report`: one self-contained HTML page of a glm and tdp analysis.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var glm = new Option<string>("--glm") { Description = "The folder `ari glm --out` wrote", Required = true };
        var tdp = new Option<string>("--tdp") { Description = "The folder `ari tdp --out` wrote", Required = true };
        var bg = new Option<string?>("--bg") { Description = "Anatomical background for the figures and viewer (NIfTI); default: the MNI152 template in Ari's data folder, downloaded on first use" };
        var output = new Option<string>("--out", "-o") { Description = "The HTML file to write", Required = true };
        var command = new Command("report", "Write one self-contained HTML report of a glm and tdp analysis (figures, cluster table, viewer, provenance)")
        {
            glm, tdp, bg, output,
        };
        command.SetAction(async (parse, cancel) =>
        {
            string outPath = OptionValues.OutputFile("--out", parse.GetValue(output)!);
            OptionValues.ExistingFolder("--glm", parse.GetValue(glm)!);
            OptionValues.ExistingFolder("--tdp", parse.GetValue(tdp)!);
            var (bgPath, _) = await TemplateBackground.ResolveAsync(parse.GetValue(bg), new Terminal(false, "report"), cancel);
            var result = AnalysisReport.Build(new ReportRequest(parse.GetValue(glm)!, parse.GetValue(tdp)!, bgPath, CommandLineText.From(parse), outPath));
            if (result.BackgroundNote is { } note) Console.Error.WriteLine($"note: {note}");
            AtomicFile.WriteAllText(outPath, result.Html);
            long bytes = new FileInfo(outPath).Length;
            Console.WriteLine($"{outPath}: {bytes / 1024:N0} KB, {result.Clusters} cluster rows, interactive viewer {(result.ViewerIncluded ? "included" : "unavailable (NiiVue was not installed at build time)")}");
            return ExitCodes.Success;
        });
        return command;
    }
}
