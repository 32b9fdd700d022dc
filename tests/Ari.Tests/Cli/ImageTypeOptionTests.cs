using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Cli;

/// <summary>`--dtype float32|float64` on the commands that write statistical images.</summary>
public class ImageTypeOptionTests
{
    [Fact]
    public void TdpMapInFloat32HoldsEveryRatioToSevenDigits()
    {
        using var dir = new TempDirectory();
        string z = TestPaths.NilearnReference("z_score.nii.gz");
        var run64 = AriProcess.Run("tdp", "--stat", z, "--out", dir.File("f64"));
        var run32 = AriProcess.Run("tdp", "--stat", z, "--dtype", "float32", "--out", dir.File("f32"));
        Assert.True(run64.ExitCode == 0 && run32.ExitCode == 0, run64 + "\n" + run32);
        string f32 = Path.Combine(dir.File("f32"), "tdp.nii.gz");
        Assert.Equal(NiftiDataType.Float32, NiftiFile.ReadHeader(f32).DataType);
        Assert.Equal(NiftiDataType.Float64, NiftiFile.ReadHeader(Path.Combine(dir.File("f64"), "tdp.nii.gz")).DataType);
        var exact = NiftiFile.Read(Path.Combine(dir.File("f64"), "tdp.nii.gz")).Data;
        var single = NiftiFile.Read(f32).Data;
        for (int i = 0; i < exact.Length; i++)
            Assert.True(Math.Abs(single[i] - exact[i]) <= 6e-8 * Math.Abs(exact[i]), $"voxel {i}: {single[i]} vs {exact[i]}");
        Assert.True(new FileInfo(f32).Length < new FileInfo(Path.Combine(dir.File("f64"), "tdp.nii.gz")).Length);
    }

    [Fact]
    public void GlmMapsInFloat32AndABadValueIsAUsageError()
    {
        using var dir = new TempDirectory();
        string maps = TestPaths.SharedFile("data", "sim", "localizer16", "sub-0*_contrast.nii.gz");
        var run = AriProcess.Run("glm", "--maps", maps, "--dtype", "float32", "--out", dir.File("glm"), "-q");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(NiftiDataType.Float32, NiftiFile.ReadHeader(Path.Combine(dir.File("glm"), "z_score.nii.gz")).DataType);
        Assert.Equal(NiftiDataType.UInt8, NiftiFile.ReadHeader(Path.Combine(dir.File("glm"), "mask.nii.gz")).DataType);

        var bad = AriProcess.Run("tdp", "--stat", TestPaths.NilearnReference("z_score.nii.gz"), "--dtype", "int8", "--out", dir.File("bad"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("int8", bad.StdErr);
        Assert.False(Directory.Exists(dir.File("bad")));
    }
}
