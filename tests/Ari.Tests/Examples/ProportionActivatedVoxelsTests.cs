using System.Diagnostics;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Examples;

/// <summary>The C# example program (built with the solution) runs and draws its two figures.</summary>
public class ProportionActivatedVoxelsTests
{
    [Fact]
    public void RunsOfflineAndDrawsBothFigures()
    {
        // The example is built by the same `dotnet test` of the solution, in the same configuration as the tests.
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        string program = Path.Combine(TestPaths.RepoRoot, "examples", "ProportionActivatedVoxels", "bin", configuration, "net10.0", "ProportionActivatedVoxels.dll");
        Assert.True(File.Exists(program), $"{program} was not built");

        using var temp = new TempDirectory();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(program);
        start.ArgumentList.Add(temp.File("out"));
        start.Environment["ARI_DATA"] = temp.File("data");
        start.Environment["ARI_OSF_URL"] = AriProcess.UnreachableUrl;
        start.Environment["ARI_MNI_URL"] = AriProcess.UnreachableUrl + "mni.nii.gz";
        using var process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd(), stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "the example did not finish in 2 minutes");
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{stdout}\n{stderr}");
        Assert.Contains("using simulated maps", stdout);
        foreach (string figure in new[] { "proportion_true_positives.png", "z_map.png" })
        {
            using var bitmap = SkiaSharp.SKBitmap.Decode(temp.File(Path.Combine("out", figure)));
            Assert.True(bitmap is { Width: > 1000, Height: > 200 }, $"{figure} was not drawn");
        }
    }
}
