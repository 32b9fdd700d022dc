using System.Diagnostics;

namespace Ari.Tests.TestSupport;

/// <summary>The result of one run of the command-line program.</summary>
public sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}

/// <summary>
/// Runs the ari program as a user does, in its own process (exit code, stdout, stderr), from the build
/// beside the tests (dotnet Ari.Cli.dll), so that tests need no separate publish step.
/// Runs are hermetic unless a test says otherwise: an empty data folder (ARI_DATA) and unreachable loopback
/// addresses for OSF and the MNI template, so nothing is read from ~/ari_data or downloaded from the internet.
/// </summary>
public static class AriProcess
{
    /// <summary>A loopback address where nothing listens: connections are refused at once.</summary>
    public const string UnreachableUrl = "http://127.0.0.1:9/";

    public static CliResult Run(params string[] args) => Run(null, null, args);

    public static CliResult Run(string? workingDirectory, IDictionary<string, string?>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ari.Cli.dll"));
        foreach (string a in args) start.ArgumentList.Add(a);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var emptyData = new TempDirectory();
        start.Environment["ARI_DATA"] = emptyData.Path;
        start.Environment["ARI_OSF_URL"] = UnreachableUrl;
        start.Environment["ARI_MNI_URL"] = UnreachableUrl + "mni152.nii.gz";
        if (environment is not null)
            foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("ari " + string.Join(' ', args) + " did not finish in 3 minutes");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Asserts the run failed with one `error:` line that contains every fragment, and no stack trace.</summary>
    public static void AssertCleanError(CliResult result, int exitCode, params string[] fragments)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}: {result}");
        var errorLines = result.StdErr.Split('\n').Where(l => l.StartsWith("error: ")).ToList();
        Assert.True(errorLines.Count == 1, $"expected one error line: {result}");
        foreach (string fragment in fragments)
            Assert.True(errorLines[0].Contains(fragment, StringComparison.OrdinalIgnoreCase), $"'{fragment}' missing from: {errorLines[0]}");
        Assert.DoesNotContain("   at ", result.StdErr);
        Assert.DoesNotContain("Exception", result.StdErr);
    }
}
