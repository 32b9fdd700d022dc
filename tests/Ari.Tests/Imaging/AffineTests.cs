using Ari.Imaging;

namespace Ari.Tests.Imaging;

public class AffineTests
{
    private static readonly Affine Oblique = new(-2, 0.1, 0, 90, 0.05, 2, 0.2, -126, 0, -0.1, 2.5, -72);

    [Fact]
    public void InverseUndoesTheTransform()
    {
        var inverse = Oblique.Inverse();
        var p = Oblique.Apply(3.5, -2, 10);
        var back = inverse.Apply(p);
        Assert.Equal(3.5, back.X, 1e-12);
        Assert.Equal(-2, back.Y, 1e-12);
        Assert.Equal(10, back.Z, 1e-12);
        Assert.True(Oblique.Multiply(inverse).IsClose(Affine.Identity, 0, 1e-12));
    }

    [Fact]
    public void WorldAndVoxelCoordinatesOfTheMniTemplate()
    {
        // MNI152 2009 1 mm: voxel (98, 134, 72) is the origin (0, 0, 0) mm
        var grid = new ImageGrid(197, 233, 189, Affine.FromScaleAndOffset(1, 1, 1, -98, -134, -72));
        Assert.Equal(new Point3(0, 0, 0), grid.VoxelToWorld(98, 134, 72));
        Assert.Equal(new Point3(74, 110, 90), grid.WorldToVoxel(new Point3(-24, -24, 18)));
        // Localizer 3 mm grid: x flipped
        var localizer = new ImageGrid(53, 63, 46, new Affine(-3, 0, 0, 78, 0, 3, 0, -112, 0, 0, 3, -50));
        Assert.Equal(new Point3(78, -112, -50), localizer.VoxelToWorld(0, 0, 0));
        var origin = localizer.WorldToVoxel(new Point3(0, 0, 0));
        Assert.Equal(26, origin.X, 1e-12);
        Assert.Equal(112.0 / 3, origin.Y, 1e-12);
        Assert.Equal(50.0 / 3, origin.Z, 1e-12);
    }

    [Fact]
    public void VoxelSizesAreColumnNorms()
    {
        var (x, y, z) = new Affine(0, -3, 0, 0, 2, 0, 0, 0, 0, 0, 4, 0).VoxelSizes;
        Assert.Equal((2.0, 3.0, 4.0), (x, y, z));
    }

    [Fact]
    public void IsCloseFollowsNumpyAllclose()
    {
        var a = Affine.FromScaleAndOffset(3, 3, 3, 78, -112, -50);
        var b = Affine.FromScaleAndOffset(3.00001, 3, 3, 78, -112, -50);
        Assert.True(a.IsClose(b));
        Assert.False(a.IsClose(Affine.FromScaleAndOffset(3.001, 3, 3, 78, -112, -50)));
    }

    [Fact]
    public void GridIndexAndCoordinatesAgree()
    {
        var grid = new ImageGrid(5, 4, 3, Affine.Identity);
        for (int index = 0; index < grid.VoxelCount; index++)
        {
            var (i, j, k) = grid.Coordinates(index);
            Assert.Equal(index, grid.Index(i, j, k));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageGrid(0, 4, 3, Affine.Identity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageGrid(30000, 30000, 30000, Affine.Identity));
    }
}
