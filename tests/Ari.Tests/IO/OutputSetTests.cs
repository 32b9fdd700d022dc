using Ari.IO;
using Ari.Tests.TestSupport;

namespace Ari.Tests.IO;

public class OutputSetTests
{
    [Fact]
    public void FilesAppearOnlyAtCommit()
    {
        using var temp = new TempDirectory();
        string dir = temp.File("out");
        using (var outputs = new OutputSet(dir))
        {
            outputs.WriteAllText("a.txt", "A");
            outputs.WriteAllText("b.txt", "B");
            Assert.False(File.Exists(Path.Combine(dir, "a.txt")));
            outputs.Commit();
        }
        Assert.Equal("A", File.ReadAllText(Path.Combine(dir, "a.txt")));
        Assert.Equal(["a.txt", "b.txt"], Directory.GetFiles(dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void AFailureLeavesNothingBehind()
    {
        using var temp = new TempDirectory();
        string dir = temp.File("out");
        Assert.Throws<InvalidOperationException>(() =>
        {
            using var outputs = new OutputSet(dir);
            outputs.WriteAllText("a.txt", "A");
            outputs.Write("b.txt", _ => throw new InvalidOperationException("boom"));
            outputs.Commit();
        });
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void AnExistingFolderKeepsItsOtherFiles()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("keep.txt"), "K");
        using (var outputs = new OutputSet(temp.Path))
            outputs.WriteAllText("new.txt", "N");
        Assert.Equal(["keep.txt"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void MissingParentFoldersAreCreatedAndRemovedAgainOnFailure()
    {
        using var temp = new TempDirectory();
        string dir = temp.File("a/b/out");
        using (var outputs = new OutputSet(dir))
        {
            Assert.True(Directory.Exists(dir));
            outputs.WriteAllText("x.txt", "X");
        }
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
        using (var outputs = new OutputSet(dir))
        {
            outputs.WriteAllText("x.txt", "X");
            outputs.Commit();
        }
        Assert.Equal("X", File.ReadAllText(Path.Combine(dir, "x.txt")));
    }

    [Fact]
    public void AFileInPlaceOfAParentFolderIsAnError()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("f"), "F");
        var e = Assert.Throws<AriException>(() => new OutputSet(temp.File("f/out")));
        Assert.Contains("is a file", e.Message);
    }

    [Fact]
    public void AtomicFileLeavesNoTempOnFailure()
    {
        using var temp = new TempDirectory();
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(temp.File("x.bin"), s => { s.WriteByte(1); throw new InvalidOperationException(); }));
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }
}
