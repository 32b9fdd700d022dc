using System.Numerics.Tensors;

namespace Ari.Imaging;

/// <summary>Voxel-wise arithmetic over several volumes on one grid.</summary>
internal static class ImageMath
{
    /// <summary>The voxel-wise mean (NaN wherever any volume is NaN, as numpy's mean).</summary>
    public static Volume<double> Mean(IReadOnlyList<Volume<double>> volumes)
    {
        if (volumes.Count == 0) throw new ArgumentException("no volumes to average", nameof(volumes));
        var grid = volumes[0].Grid;
        var sum = new double[grid.VoxelCount];
        foreach (var volume in volumes)
        {
            if (!volume.Grid.Matches(grid))
                throw new ArgumentException($"volumes are on different grids ({volume.Grid.ShapeText} vs {grid.ShapeText})", nameof(volumes));
            TensorPrimitives.Add(sum, volume.Data, sum);
        }
        TensorPrimitives.Divide(sum, volumes.Count, sum);
        return new Volume<double>(grid, sum);
    }
}
