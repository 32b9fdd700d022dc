using Ari.Datasets.Templates;
using Ari.Nifti;
using Ari.Plotting.Backgrounds;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Datasets;

/// <summary>The 2 mm MNI template shipped inside Ari: made by Ari's resampling of the 1 mm file, with its notice beside it.</summary>
public class ShippedTemplateTests
{
    [Fact]
    public void ShippedFileIsThe1mmTemplateResampledByAri()
    {
        var made = ShippedTemplate.From1mm(NiftiFile.Read(TestPaths.SharedFile("data", "real", "mni152_2009_t1_1mm.nii.gz")));
        // ARI_WRITE_TEMPLATE=path regenerates the shipped file (src/Ari.Datasets/Templates/mni152_2009_t1_2mm.nii.gz).
        if (Environment.GetEnvironmentVariable("ARI_WRITE_TEMPLATE") is { Length: > 0 } target)
            NiftiFile.Write(target, made, new NiftiWriteOptions { Descrip = "MNI ICBM152 2009 T1, 2 mm (Ari)" });
        using var dir = new TempDirectory();
        string path = dir.File("t.nii.gz");
        File.WriteAllBytes(path, ShippedTemplate.Bytes());
        Assert.Equal(NiftiDataType.UInt8, NiftiFile.ReadHeader(path).DataType);
        var shipped = NiftiFile.ReadVolume<byte>(path);
        Assert.True(shipped.Grid.Matches(ShippedTemplate.Grid2mm));
        Assert.Equal(made.Data, shipped.Data);
        Assert.True(BackgroundImage.IsMni152Grid(shipped.Grid));
        Assert.True(shipped.Data.Count(v => v > 0) > 200_000);
        Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, "src", "Ari.Datasets", "Templates", "MNI152-LICENSE.txt")));
    }

    [Fact]
    public void PathWritesTheTemplateOnceIntoTheDataFolder()
    {
        using var dir = new TempDirectory();
        string path = ShippedTemplate.Path(dir.Path);
        Assert.Equal(Path.Combine(dir.Path, "templates", ShippedTemplate.FileName), path);
        var written = File.GetLastWriteTimeUtc(path);
        Assert.Equal(path, ShippedTemplate.Path(dir.Path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }
}
