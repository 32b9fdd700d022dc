using Ari.IO;
using Ari.Tests.Cli;
using Ari.Tests.TestSupport;

namespace Ari.Tests.IO;

/// <summary>
/// A run killed while writing leaves ".name.host.pid.hex.tmp" beside its target; the next writer of that target
/// removes it when its process is gone (this host) or it is old (any host), and keeps a live writer's file.
/// </summary>
public class TemporaryFilesTests
{
    /// <summary>No process has this id (above Linux's largest pid_max, 2^22).</summary>
    private const int DeadPid = 4_194_305;

    private static string Host(string folder)
    {
        string name = Path.GetFileName(TemporaryFiles.NameFor(Path.Combine(folder, "x")));
        return name.Split('.')[2];
    }

    private static string Temp(string folder, string target, string host, int pid) =>
        Path.Combine(folder, $".{target}.{host}.{pid}.{Guid.NewGuid():N}.tmp");

    [Fact]
    public void ANameCarriesThisHostAndProcess()
    {
        string name = Path.GetFileName(TemporaryFiles.NameFor("/data/out/z.nii.gz"));
        Assert.Matches($@"^\.z\.nii\.gz\.[A-Za-z0-9-]+\.{Environment.ProcessId}\.[0-9a-f]{{32}}\.tmp$", name);
    }

    [Fact]
    public void CommitRemovesTheLeftoversOfDeadWritersAndKeepsLiveOnes()
    {
        using var temp = new TempDirectory();
        string host = Host(temp.Path);
        string dead = Temp(temp.Path, "a.txt", host, DeadPid);
        string live = Temp(temp.Path, "a.txt", host, 1); // init: always running
        string otherHostFresh = Temp(temp.Path, "a.txt", "elsewhere", DeadPid);
        string otherHostOld = Temp(temp.Path, "a.txt", "elsewhere", DeadPid);
        string olderFormat = Path.Combine(temp.Path, $".a.txt.{Guid.NewGuid():N}.tmp");
        string notOurs = Path.Combine(temp.Path, ".a.txt.notours.tmp");
        string otherTarget = Temp(temp.Path, "b.txt", host, DeadPid);
        foreach (string f in new[] { dead, live, otherHostFresh, otherHostOld, olderFormat, notOurs, otherTarget }) File.WriteAllText(f, "partial");
        foreach (string f in new[] { otherHostOld, olderFormat, notOurs }) File.SetLastWriteTimeUtc(f, DateTime.UtcNow.AddHours(-2));

        using (var outputs = new OutputSet(temp.Path))
        {
            outputs.WriteAllText("a.txt", "A");
            outputs.Commit();
        }

        Assert.False(File.Exists(dead), "a dead process's leftover stays");
        Assert.False(File.Exists(otherHostOld), "an old leftover of another host stays");
        Assert.False(File.Exists(olderFormat), "an old leftover without host and process stays");
        Assert.True(File.Exists(live), "a live writer's file was removed");
        Assert.True(File.Exists(otherHostFresh), "a fresh file of another host (a shared file system) was removed");
        Assert.True(File.Exists(notOurs));
        Assert.True(File.Exists(otherTarget), "only the committed targets are cleaned");
        Assert.Equal("A", File.ReadAllText(temp.File("a.txt")));
    }

    [Fact]
    public void TheNextTdpRunRemovesWhatAKilledOneLeft()
    {
        using var dir = new TempDirectory();
        string output = dir.File("out");
        Directory.CreateDirectory(output);
        string leftover = Temp(output, "tdp.nii.gz", Host(output), DeadPid);
        File.WriteAllText(leftover, "half a map");
        var result = AriProcess.Run("tdp", "--stat", TestPaths.NilearnReference("z_score.nii.gz"), "--out", output);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(leftover));
        Assert.Empty(Directory.GetFiles(output, ".*.tmp"));
    }
}
