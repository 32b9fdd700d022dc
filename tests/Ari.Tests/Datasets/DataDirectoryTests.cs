using Ari.Datasets;

namespace Ari.Tests.Datasets;

public class DataDirectoryTests
{
    [Fact]
    public void An_explicit_folder_wins_and_is_made_absolute()
    {
        Assert.Equal(Path.GetFullPath("some/where"), DataDirectory.Resolve("some/where"));
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(home, "x"), DataDirectory.Resolve("~/x"));
    }

    [Fact]
    public void Within_keeps_paths_inside_the_folder()
    {
        Assert.Equal("/data/ari/a/b.nii.gz", DataDirectory.Within("/data/ari", "a/b.nii.gz"));
        Assert.Equal("/data/ari/b.nii.gz", DataDirectory.Within("/data/ari/", "a/../b.nii.gz"));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    [InlineData("..")]
    [InlineData("/etc/passwd")]
    [InlineData("")]
    [InlineData("../ari-other/x")]
    public void Within_refuses_paths_that_leave_the_folder(string relative)
    {
        var e = Assert.Throws<AriException>(() => DataDirectory.Within("/data/ari", relative));
        Assert.Contains("refusing to write", e.Message);
    }
}
