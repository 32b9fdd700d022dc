using System.Buffers.Binary;
using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Nifti;

/// <summary>
/// Headers nibabel refuses or repairs (issue 14, item 4), each crafted here from a small image. The expected
/// affines are nibabel 5's for the same bytes (checked with /usr/bin/python3; the fuzzer's table covers more).
/// </summary>
public class NiftiHeaderRepairTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    public void Dispose() => _temp.Dispose();

    /// <summary>A 2x3x4 float32 image, values 0..23, sform = qform = diag(2, 3, 4) (codes 2 and 1).</summary>
    private byte[] Image()
    {
        string path = _temp.File("base.nii");
        var grid = new ImageGrid(2, 3, 4, Affine.FromScaleAndOffset(2, 3, 4));
        NiftiWriter.Write(path, new Volume<float>(grid, Enumerable.Range(0, 24).Select(i => (float)i).ToArray()),
            new NiftiWriteOptions { SformCode = 2, QformCode = 1 });
        return File.ReadAllBytes(path);
    }

    private string Save(byte[] bytes, string name)
    {
        string path = _temp.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void Short(byte[] b, int offset, short v) => BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(offset), v);
    private static void Float(byte[] b, int offset, float v) => BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(offset), v);

    [Theory]
    [InlineData(348f)]
    [InlineData(349f)]
    [InlineData(350f)]
    [InlineData(351f)]
    [InlineData(351.5f)]
    [InlineData(0f)]
    public void VoxOffsetBelow352IsRefused(float offset)
    {
        var bytes = Image();
        Float(bytes, 108, offset);
        string path = Save(bytes, "offset.nii");
        var e = Assert.Throws<NiftiFormatException>(() => NiftiFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("vox_offset", e.Problem);
        Assert.Contains("352", e.Problem);
    }

    [Fact]
    public void VoxOffsetNotANumberIsRefused()
    {
        var bytes = Image();
        Float(bytes, 108, float.NaN);
        Assert.Contains("vox_offset", Assert.Throws<NiftiFormatException>(() => NiftiFile.Read(Save(bytes, "nan.nii"))).Problem);
    }

    [Theory]
    [InlineData((short)-1)]
    [InlineData((short)7)]
    [InlineData((short)255)]
    [InlineData((short)32767)]
    public void InvalidSformCodeIsTreatedAsZero(short code)
    {
        var bytes = Image();
        Short(bytes, 254, code);
        string path = Save(bytes, "sform.nii");
        var header = NiftiFile.ReadHeader(path);
        Assert.Equal(0, header.SformCode);
        Assert.Contains(header.Repairs, r => r.Contains($"sform_code {code}"));
        // nibabel: sform_code set to 0, so the qform (code 1) gives the affine.
        Assert.Equal(Affine.FromScaleAndOffset(2, 3, 4), NiftiFile.Read(path).Grid.Affine);
    }

    [Theory]
    [InlineData((short)-1)]
    [InlineData((short)7)]
    [InlineData((short)32767)]
    public void InvalidQformCodeIsTreatedAsZero(short code)
    {
        var bytes = Image();
        Short(bytes, 252, code);
        Short(bytes, 254, 0);
        string path = Save(bytes, "qform.nii");
        Assert.Equal(0, NiftiFile.ReadHeader(path).QformCode);
        // Neither transform: nibabel's base affine from the voxel sizes, x flipped, centred.
        Assert.Equal(new Affine(-2, 0, 0, 1, 0, 3, 0, -3, 0, 0, 4, -6), NiftiFile.Read(path).Grid.Affine);
    }

    [Fact]
    public void AriInfoPrintsTheTransformItUses()
    {
        var bytes = Image();
        Short(bytes, 254, -1);
        Short(bytes, 252, 0);
        string path = Save(bytes, "info.nii");
        var result = AriProcess.Run("info", path);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("none (from voxel sizes)", result.StdOut);
        Assert.Contains("sform_code -1 is not valid; treated as 0", result.StdOut);
        Assert.DoesNotContain("sform (code", result.StdOut);
        // The printed matrix is the base affine (x flipped), not the sform's diag(2, 3, 4).
        Assert.Contains("-2", result.StdOut.Split('\n').First(l => l.Contains('[')));
    }

    [Theory]
    [InlineData(0f, 1.0)]
    [InlineData(-2f, 2.0)]
    public void ZeroOrNegativePixdimIsRepairedAsNibabel(float pixdimX, double expectedX)
    {
        // Without a transform (both codes 0): the base affine from the repaired voxel sizes.
        var bytes = Image();
        Short(bytes, 252, 0);
        Short(bytes, 254, 0);
        Float(bytes, 80, pixdimX);
        string path = Save(bytes, "pixdim.nii");
        var header = NiftiFile.ReadHeader(path);
        Assert.Equal(expectedX, header.PixDim[1]);
        Assert.Single(header.Repairs);
        Assert.Equal(new Affine(-expectedX, 0, 0, expectedX / 2, 0, 3, 0, -3, 0, 0, 4, -6), NiftiFile.Read(path).Grid.Affine);

        // With a qform: nibabel's qform uses the repaired sizes too.
        bytes = Image();
        Short(bytes, 254, 0);
        Float(bytes, 80, pixdimX);
        Assert.Equal(Affine.FromScaleAndOffset(expectedX, 3, 4), NiftiFile.Read(Save(bytes, "pixdim-q.nii")).Grid.Affine);
    }

    [Fact]
    public void InvalidQuaternionIsANamedError()
    {
        var bytes = Image();
        Short(bytes, 254, 0);
        Float(bytes, 256, 0.9f); Float(bytes, 260, 0.9f); Float(bytes, 264, 0.9f);
        string path = Save(bytes, "quaternion.nii");
        var e = Assert.Throws<NiftiFormatException>(() => NiftiFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("qform", e.Problem);
        Assert.Contains("quaternion", e.Problem);

        var cli = AriProcess.Run("info", path);
        AriProcess.AssertCleanError(cli, 1, path, "quaternion");
        Assert.DoesNotContain("unexpected", cli.StdErr);
    }

    [Fact]
    public void SingularOrNonFiniteAffineIsANamedError()
    {
        var bytes = Image();
        for (int o = 280; o < 328; o += 4) Float(bytes, o, 0);
        string singular = Save(bytes, "singular.nii");
        var e = Assert.Throws<NiftiFormatException>(() => NiftiFile.Read(singular));
        Assert.Contains("singular", e.Problem);
        AriProcess.AssertCleanError(AriProcess.Run("info", singular), 1, singular, "singular");

        bytes = Image();
        Float(bytes, 280, float.NaN);
        Assert.Contains("non-finite", Assert.Throws<NiftiFormatException>(() => NiftiFile.Read(Save(bytes, "nan.nii"))).Problem);
    }

    [Fact]
    public void AnInvalidQformIsIgnoredWhenTheSformIsUsed()
    {
        // nibabel never looks at the qform when sform_code > 0.
        var bytes = Image();
        Float(bytes, 256, 0.9f); Float(bytes, 260, 0.9f); Float(bytes, 264, 0.9f);
        Assert.Equal(Affine.FromScaleAndOffset(2, 3, 4), NiftiFile.Read(Save(bytes, "sform-wins.nii")).Grid.Affine);
    }
}
