using System.Diagnostics;
using System.IO.Compression;
using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Cli;

/// <summary>`ari info` streams its statistics: memory does not grow with the image (issue 14, bounded resources).</summary>
public class InfoCommandTests
{
    [Fact]
    public void LargeCompressibleImageIsDescribedInLittleMemory()
    {
        using var temp = new TempDirectory();
        const int n = 512; // 512^3 uint8: 134 MB of voxels in a ~130 kB gzip file (1.2 GB as float64 before)
        var header = NiftiWriter.BuildHeader(new ImageGrid(n, n, n, Affine.Identity), 1, NiftiDataType.UInt8, NiftiWriteOptions.Default);
        string path = temp.File("big.nii.gz");
        using (var file = File.Create(path))
        using (var zip = new GZipStream(file, CompressionLevel.SmallestSize))
        {
            zip.Write(NiftiHeaderCodec.Serialize(header));
            var slice = new byte[n * n];
            for (int k = 0; k < n; k++)
            {
                slice[0] = (byte)(k == 7 ? 200 : 0);
                slice[^1] = (byte)(k == n - 1 ? 3 : 0);
                zip.Write(slice);
            }
        }
        Assert.True(new FileInfo(path).Length < 1_000_000);

        var clock = Stopwatch.StartNew();
        var (result, peakBytes) = RunMeasuringPeakMemory("info", path);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("512x512x512", result.StdOut);
        Assert.Contains("min 0, max 200, 2 non-zero, 0 non-finite", result.StdOut);
        Assert.True(peakBytes < 300_000_000, $"peak resident memory {peakBytes:N0} bytes");
        Assert.True(clock.Elapsed.TotalSeconds < 60, $"took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Runs ari like <see cref="AriProcess"/> and samples the process's peak resident set (VmHWM) until it exits.</summary>
    private static (CliResult Result, long PeakBytes) RunMeasuringPeakMemory(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ari.Cli.dll"));
        foreach (string a in args) start.ArgumentList.Add(a);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        string status = $"/proc/{process.Id}/status";
        while (!process.WaitForExit(20))
        {
            try
            {
                foreach (string line in File.ReadLines(status))
                    if (line.StartsWith("VmHWM:"))
                        peak = Math.Max(peak, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024);
            }
            catch (IOException) { }
        }
        return (new CliResult(process.ExitCode, stdout.Result, stderr.Result), peak);
    }
}
