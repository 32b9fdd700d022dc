using Ari.Imaging;
using Ari.Nifti;
using Ari.Plotting.CutCoordinates;
using Ari.Plotting.Geometry;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Plotting;

public class CutSliceFinderTests
{
    // Printed by nilearn 0.10.3's find_cut_slices on the shared reference maps (nilearn run by hand), sorted:
    // nilearn lists x cuts of these maps (whose x axis is flipped) from right to left; Ari lists every axis lowest first.
    [Theory]
    [InlineData("z_score.nii.gz", WorldAxis.X, 7, new double[] { -42, -30, -18, 15, 24, 33, 51 })]
    [InlineData("z_score.nii.gz", WorldAxis.Y, 7, new double[] { -91, -73, -61, -46, -28, -16, -4 })]
    [InlineData("z_score.nii.gz", WorldAxis.Z, 7, new double[] { -23, -14, 19, 37, 49, 67, 76 })]
    [InlineData("tdp.nii.gz", WorldAxis.X, 5, new double[] { 12, 27, 42, 57, 60 })]
    [InlineData("tdp.nii.gz", WorldAxis.Y, 5, new double[] { -40, -31, -19, -16, 2 })]
    [InlineData("tdp.nii.gz", WorldAxis.Z, 5, new double[] { 16, 28, 43, 55, 67 })]
    public void MatchesNilearnOnTheReferenceMaps(string file, WorldAxis axis, int count, double[] expected)
    {
        var map = NiftiFile.Read(TestPaths.NilearnReference(file));
        // (these expected values are listed lowest first; the order itself is checked in PlotParityTests)
        Assert.Equal(expected, CutSliceFinder.Find(map, axis, count).Order());
    }

    [Fact]
    public void MoreCutsThanSlicesGivesEverySlice()
    {
        var grid = new ImageGrid(4, 4, 3, Affine.FromScaleAndOffset(2, 2, 5, 0, 0, 10));
        var cuts = CutSliceFinder.Find(new Volume<double>(grid), WorldAxis.Z, 5);
        Assert.Equal(new double[] { 10, 15, 20 }, cuts);
    }

    [Fact]
    public void FastSmoothingKeepsTheMiddleOfAUniformBlock()
    {
        var grid = new ImageGrid(3, 3, 3, Affine.Identity);
        var data = Enumerable.Repeat(1.0, 27).ToArray();
        var smooth = CutSliceFinder.FastSmooth(data, grid);
        Assert.Equal(1.0, smooth[grid.Index(1, 1, 1)], 12);
        Assert.Equal((1 + 0.2 * 3) / 2.2, smooth[grid.Index(0, 0, 0)], 12); // a corner has three neighbours
    }
}
