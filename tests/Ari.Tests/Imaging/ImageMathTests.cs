using Ari.Imaging;

namespace Ari.Tests.Imaging;

public class ImageMathTests
{
    [Fact]
    public void MeanIsVoxelwiseAndPropagatesNaN()
    {
        var grid = new ImageGrid(3, 1, 1, Affine.Identity);
        var mean = ImageMath.Mean([new Volume<double>(grid, [1, 2, double.NaN]), new Volume<double>(grid, [3, -2, 5])]);
        Assert.Equal(2.0, mean.Data[0]);
        Assert.Equal(0.0, mean.Data[1]);
        Assert.True(double.IsNaN(mean.Data[2]));
    }

    [Fact]
    public void MeanRefusesDifferentGrids()
    {
        var a = new Volume<double>(new ImageGrid(2, 2, 2, Affine.Identity));
        var b = new Volume<double>(new ImageGrid(2, 2, 3, Affine.Identity));
        Assert.Throws<ArgumentException>(() => ImageMath.Mean([a, b]));
    }
}
