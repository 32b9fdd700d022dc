using System.Diagnostics;
using System.Runtime.InteropServices;
using Ari.IO;
using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.IO;

/// <summary>A FIFO (or any non-regular file) given as input is refused at once, never waited on.</summary>
public partial class InputFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    public void Dispose() => _temp.Dispose();

    [LibraryImport("libc", EntryPoint = "mkfifo", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkFifo(string path, uint mode);

    private string Fifo(string name)
    {
        string path = _temp.File(name);
        Assert.Equal(0, MkFifo(path, Convert.ToUInt32("600", 8)));
        return path;
    }

    [Fact]
    public void RegularFileIsAccepted()
    {
        string path = _temp.File("a.txt");
        File.WriteAllText(path, "x");
        Assert.Null(InputFile.Problem(path));
        using var stream = InputFile.OpenRead(path);
        Assert.Equal(1, stream.Length);
    }

    [Fact]
    public void FifoIsRefusedAtOnce()
    {
        if (OperatingSystem.IsWindows()) return;
        string fifo = Fifo("maps.nii.gz");
        var clock = Stopwatch.StartNew();
        Assert.Contains("FIFO", InputFile.Problem(fifo));
        var e = Assert.Throws<NiftiFormatException>(() => NiftiFile.Read(fifo));
        Assert.Contains(fifo, e.Message);
        Assert.Contains("FIFO", e.Problem);
        Assert.Contains("FIFO", Assert.Throws<AriException>(() => FileFingerprint.Of(fifo)).Message);
        string table = Fifo("design.tsv");
        Assert.Contains("FIFO", Assert.Throws<AriException>(() => Ari.Glm.DesignTable.Read(table)).Message);
        Assert.True(clock.Elapsed.TotalSeconds < 2, $"took {clock.Elapsed.TotalSeconds} s");
    }

    [Fact]
    public void DevicesAndFoldersAreRefused()
    {
        if (OperatingSystem.IsWindows()) return;
        Assert.Contains("device", InputFile.Problem("/dev/zero"));
        Assert.Contains("device", Assert.Throws<NiftiFormatException>(() => NiftiFile.Read("/dev/zero")).Problem);
        Assert.Contains("directory", InputFile.Problem(_temp.Path));
        Assert.Contains("no such file", InputFile.Problem(_temp.File("absent.nii")));
    }

    [Fact]
    public void SymlinkToARegularFileIsAccepted()
    {
        if (OperatingSystem.IsWindows()) return;
        string target = _temp.File("target.txt");
        File.WriteAllText(target, "x");
        string link = _temp.File("link.txt");
        File.CreateSymbolicLink(link, target);
        Assert.Null(InputFile.Problem(link));
        File.CreateSymbolicLink(_temp.File("fifo-link"), Fifo("f"));
        Assert.Contains("FIFO", InputFile.Problem(_temp.File("fifo-link")));
    }

    [Fact]
    public void CommandsRefuseAFifoWithOneErrorLine()
    {
        if (OperatingSystem.IsWindows()) return;
        string fifo = Fifo("z.nii.gz");
        var clock = Stopwatch.StartNew();
        AriProcess.AssertCleanError(AriProcess.Run("info", fifo), 1, fifo, "FIFO");
        var tdp = AriProcess.Run("tdp", "--stat", fifo, "--out", _temp.File("out"));
        Assert.NotEqual(0, tdp.ExitCode);
        Assert.Contains("FIFO", tdp.StdErr);
        Assert.False(Directory.Exists(_temp.File("out")));
        Assert.True(clock.Elapsed.TotalSeconds < 30, $"took {clock.Elapsed.TotalSeconds} s");
    }
}
