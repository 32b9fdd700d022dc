using Ari.IO;
using Ari.Tests.TestSupport;

namespace Ari.Tests.IO;

/// <summary>Outputs never replace inputs: same path, through symbolic links (file or folder), and hard links.</summary>
public class OutputCollisionTests
{
    [Fact]
    public void AnOutputNamingAnInputIsRefusedNamingBoth()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("design.tsv"), "a\n1\n");
        var e = Assert.Throws<OutputCollisionException>(() =>
            OutputCollision.Refuse([dir.File("map.nii.gz"), dir.File("design.tsv")], dir.Path, ["z_score.nii.gz", "design.tsv"]));
        Assert.Contains(dir.File("design.tsv") + " would replace the input " + dir.File("design.tsv"), e.Message);
        // Written differently (./, ..): the same file.
        Assert.Throws<OutputCollisionException>(() =>
            OutputCollision.Refuse([Path.Combine(dir.Path, "x", "..", "design.tsv")], [Path.Combine(dir.Path, ".", "design.tsv")]));
    }

    [Fact]
    public void OtherFilesInTheSameFolderAndMissingInputsPass()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("z_score.nii.gz"), "z");
        OutputCollision.Refuse([dir.File("z_score.nii.gz"), null, ""], dir.Path, ["tdp.nii.gz", "clusters.tsv", "summary.json"]);
        OutputCollision.Refuse([dir.File("a.txt")], [dir.File("b.txt")]);
    }

    [Fact]
    public void ASymbolicLinkToTheOutputIsTheSameFile()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("study"));
        File.WriteAllText(dir.File("study/design.tsv"), "a\n1\n");
        File.CreateSymbolicLink(dir.File("link.tsv"), dir.File("study/design.tsv"));
        var e = Assert.Throws<OutputCollisionException>(() => OutputCollision.Refuse([dir.File("link.tsv")], dir.File("study"), ["design.tsv"]));
        Assert.Contains("link.tsv", e.Message);
        // A symbolic link to the folder: out/ is study/.
        Directory.CreateSymbolicLink(dir.File("out"), dir.File("study"));
        Assert.Throws<OutputCollisionException>(() => OutputCollision.Refuse([dir.File("study/design.tsv")], dir.File("out"), ["design.tsv"]));
        // Relative link targets and chains of links resolve too.
        File.CreateSymbolicLink(dir.File("chain.tsv"), "link.tsv");
        Assert.Throws<OutputCollisionException>(() => OutputCollision.Refuse([dir.File("chain.tsv")], [dir.File("out/design.tsv")]));
    }

    [Fact]
    public void AHardLinkIsTheSameFile()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("mask.nii.gz"), "m");
        var ln = System.Diagnostics.Process.Start("ln", [dir.File("mask.nii.gz"), dir.File("hard.nii.gz")])!;
        ln.WaitForExit();
        Assert.Equal(0, ln.ExitCode);
        var e = Assert.Throws<OutputCollisionException>(() => OutputCollision.Refuse([dir.File("hard.nii.gz")], dir.Path, ["mask.nii.gz"]));
        Assert.Contains("hard.nii.gz", e.Message);
        Assert.False(ResolvedPath.SameFile(dir.File("hard.nii.gz"), dir.File("other")));
    }

    [Fact]
    public void ResolvedPathFollowsLinksInTheExistingPartAndKeepsTheRest()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("real"));
        Directory.CreateSymbolicLink(dir.File("alias"), dir.File("real"));
        Assert.Equal(ResolvedPath.Of(dir.File("real/not/yet.txt")), ResolvedPath.Of(dir.File("alias/not/yet.txt")));
        // A loop of links does not hang.
        File.CreateSymbolicLink(dir.File("loop1"), dir.File("loop2"));
        File.CreateSymbolicLink(dir.File("loop2"), dir.File("loop1"));
        Assert.NotNull(ResolvedPath.Of(dir.File("loop1/x")));
    }

    [Fact]
    public void AnOutputSetWithInputsRefusesToWriteOverOneBeforeWriting()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("mask.nii.gz"), "input");
        var e = Assert.Throws<OutputCollisionException>(() =>
        {
            using var outputs = new OutputSet(dir.Path) { Inputs = [dir.File("mask.nii.gz"), null] };
            outputs.WriteAllText("t.nii.gz", "t");
            outputs.WriteAllText("mask.nii.gz", "output");
            outputs.Commit();
        });
        Assert.Equal("output", e.Parameter);
        Assert.Equal("input", File.ReadAllText(dir.File("mask.nii.gz")));
        Assert.Equal(["mask.nii.gz"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }
}
