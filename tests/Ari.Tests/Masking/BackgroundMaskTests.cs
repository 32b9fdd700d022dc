using Ari.Imaging;
using Ari.Masking;
using Ari.Nifti;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Masking;

public class BackgroundMaskTests
{
    [Fact]
    public void MaskOfTheLocalizerMeanEqualsNilearns()
    {
        string dir = TestPaths.SharedFile("data", "sim", "localizer16");
        var maps = Directory.GetFiles(dir, "sub-*_contrast.nii.gz").Order(StringComparer.Ordinal).Select(NiftiFile.Read).ToList();
        Assert.Equal(16, maps.Count);
        var mask = BackgroundMask.Compute(ImageMath.Mean(maps));
        var reference = Mask.FromVolume(NiftiFile.Read(TestPaths.NilearnReference("mask.nii.gz")));
        Assert.Equal(reference.Count, mask.Count);
        Assert.Equal<int>(reference.Indices, mask.Indices);
    }

    [Fact]
    public void MaskOfTheReferenceZMapHasNilearnsSize()
    {
        // nilearn's cluster_level_inference masks the z map with the same strategy: 45448 voxels (summary.json).
        var mask = BackgroundMask.Compute(NiftiFile.Read(TestPaths.NilearnReference("z_score.nii.gz")));
        Assert.Equal(45448, mask.Count);
    }

    [Fact]
    public void NaNOnTheBorderMakesTheMaskTheNonNaNVoxels()
    {
        var grid = new ImageGrid(6, 6, 6, Affine.Identity);
        var data = Enumerable.Repeat(double.NaN, grid.VoxelCount).ToArray();
        data[grid.Index(2, 3, 3)] = 0;
        data[grid.Index(3, 3, 3)] = 7;
        var mask = BackgroundMask.Compute(new Volume<double>(grid, data));
        Assert.Equal<int>([grid.Index(2, 3, 3), grid.Index(3, 3, 3)], mask.Indices);
    }

    [Fact]
    public void BackgroundIsTheMedianOfTheBorder()
    {
        // Border mostly 5 with a few 1s: the median is 5, so 1s (and interior values) are in the mask.
        var grid = new ImageGrid(6, 6, 6, Affine.Identity);
        var data = Enumerable.Repeat(5.0, grid.VoxelCount).ToArray();
        data[grid.Index(0, 0, 0)] = 1;
        data[grid.Index(3, 3, 3)] = 2;
        var mask = BackgroundMask.Compute(new Volume<double>(grid, data));
        Assert.Equal<int>([grid.Index(0, 0, 0), grid.Index(3, 3, 3)], mask.Indices);
    }

    [Fact]
    public void BorderValuesRepeatEdgesLikeNilearn()
    {
        var grid = new ImageGrid(4, 4, 4, Affine.Identity);
        var border = ImageBorder.Values<double>(grid, new double[grid.VoxelCount], 2);
        Assert.Equal(6 * 2 * 16, border.Length);
    }
}
