using Ari.Imaging;
using Ari.Masking;
using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Masking;

public class MaskTests
{
    private static readonly ImageGrid Grid = new(4, 3, 2, Affine.FromScaleAndOffset(2, 2, 2, -4, -3, -2));

    private static Mask Checkerboard()
    {
        var flags = new bool[Grid.VoxelCount];
        for (int i = 0; i < flags.Length; i++) flags[i] = i % 3 != 0;
        return Mask.FromFlags(Grid, flags);
    }

    [Fact]
    public void ExtractAndUnmaskRoundTrip()
    {
        var mask = Checkerboard();
        var data = Enumerable.Range(0, Grid.VoxelCount).Select(i => i * 1.5).ToArray();
        var values = mask.Extract<double>(data);
        Assert.Equal(mask.Count, values.Length);
        Assert.Equal(mask.Indices.Select(i => i * 1.5), values);
        var back = mask.Unmask(values, outside: -1);
        for (int i = 0; i < data.Length; i++) Assert.Equal(i % 3 != 0 ? data[i] : -1, back.Data[i]);
    }

    [Fact]
    public void FromVolumeTakesNonZeroFiniteVoxels()
    {
        var mask = Mask.FromVolume(new Volume<double>(new ImageGrid(5, 1, 1, Affine.Identity), [0, 3, double.NaN, -1, double.PositiveInfinity]));
        Assert.Equal<int>([1, 3], mask.Indices);
    }

    [Fact]
    public void LoadResamplesAMaskOnAnotherGridAndNamesTheOptionWhenEmpty()
    {
        using var temp = new TempDirectory();
        // A 1 mm mask of a 4 mm cube at the world origin, used on a 2 mm grid.
        var fine = new ImageGrid(10, 10, 10, Affine.FromScaleAndOffset(1, 1, 1, -5, -5, -5));
        var cube = new Volume<byte>(fine);
        for (int k = 3; k < 7; k++) for (int j = 3; j < 7; j++) for (int i = 3; i < 7; i++) cube[i, j, k] = 1;
        NiftiWriter.Write(temp.File("cube.nii.gz"), cube);
        var coarse = new ImageGrid(5, 5, 5, Affine.FromScaleAndOffset(2, 2, 2, -4, -4, -4));
        var mask = Mask.Load(temp.File("cube.nii.gz"), coarse, "--mask");
        Assert.Equal(coarse, mask.Grid);
        Assert.Equal(8, mask.Count);

        NiftiWriter.Write(temp.File("empty.nii.gz"), new Volume<byte>(fine));
        var e = Assert.Throws<AriException>(() => Mask.Load(temp.File("empty.nii.gz"), coarse, "--mask"));
        Assert.StartsWith("--mask: ", e.Message);
        Assert.Contains("empty", e.Message);
        var missing = Assert.Throws<AriException>(() => Mask.Load(temp.File("nope.nii.gz"), coarse, "--mask"));
        Assert.Contains("no such file", missing.Message);
    }

    [Fact]
    public void ToVolumeIsZeroOne()
    {
        var mask = Checkerboard();
        var volume = mask.ToVolume();
        Assert.Equal(mask.Count, volume.Data.Count(b => b == 1));
        Assert.All(volume.Data, b => Assert.True(b is 0 or 1));
    }
}
