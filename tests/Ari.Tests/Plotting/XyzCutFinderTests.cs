using Ari.Imaging;
using Ari.Nifti;
using Ari.Plotting.CutCoordinates;
using Ari.Tests.TestSupport;

namespace Ari.Tests.Plotting;

public class XyzCutFinderTests
{
    // Printed by nilearn 0.10.3's find_xyz_cut_coords on the shared reference maps (nilearn run by hand; the values
    // are nilearn's, not Ari's): the z map with activation_threshold=3 (plot_stat_map(..., threshold=3) in ortho
    // mode), the TDP map with activation_threshold=0 and with the default (None: 80th percentile).
    // plot_stat_map hands nilearn the map as float32, hence agreement to 1e-4 mm rather than to rounding.
    [Theory]
    [InlineData("z_score.nii.gz", 3.0, 38.78778533671826, -22.027095848545045, 58.677553765549646)]
    [InlineData("tdp.nii.gz", 0.0, 36.7448872800958, -25.568604847922316, 58.32211256114137)]
    [InlineData("tdp.nii.gz", null, 37.494117647058815, -21.588235294117652, 59.58823529411765)]
    public void MatchesNilearnOnTheReferenceMaps(string file, double? threshold, double x, double y, double z)
    {
        var map = NiftiFile.Read(TestPaths.NilearnReference(file));
        var p = XyzCutFinder.Find(map, threshold);
        Assert.Equal(x, p.X, 4);
        Assert.Equal(y, p.Y, 4);
        Assert.Equal(z, p.Z, 4);
    }

    [Fact]
    public void PicksTheLargestClusterNotTheStrongestPeak()
    {
        var grid = new ImageGrid(20, 20, 20, Affine.FromScaleAndOffset(2, 2, 2, -20, -20, -20));
        var map = new Volume<double>(grid);
        map[2, 2, 2] = 100; // a strong single voxel
        for (int k = 10; k < 13; k++)
            for (int j = 10; j < 13; j++)
                for (int i = 10; i < 13; i++)
                    map[i, j, k] = 5; // a 27-voxel cluster centred on voxel (11, 11, 11)
        var p = XyzCutFinder.Find(map, 1.0);
        Assert.Equal(new Point3(2, 2, 2), p); // world of voxel 11: -20 + 2 * 11
    }

    [Fact]
    public void EmptyMapCutsThroughTheOrigin()
    {
        var grid = new ImageGrid(10, 10, 10, Affine.FromScaleAndOffset(3, 3, 3, -15, -15, -15));
        Assert.Equal(new Point3(0, 0, 0), XyzCutFinder.Find(new Volume<double>(grid), null));
    }
}
