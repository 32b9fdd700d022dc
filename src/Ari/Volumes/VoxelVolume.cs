namespace Ari.Volumes;

/// <summary>The volume of one voxel in mm³, and cluster sizes in mm³ as nilearn reports them.</summary>
internal static class VoxelVolume
{
    /// <summary>
    /// The product of the voxel sizes, in single precision as nilearn multiplies the header's float32 zooms
    /// (so 2 x 2 x 2 is exactly 8 and a 27-voxel cluster of 3 mm voxels is 729 mm³).
    /// </summary>
    public static double Of(ImageGrid grid)
    {
        var (x, y, z) = grid.VoxelSizes;
        return (float)x * (float)y * (float)z;
    }

    /// <summary>int(voxels x voxel volume): nilearn's get_clusters_table truncates.</summary>
    public static long ClusterMm3(int voxels, ImageGrid grid) => (long)Math.Truncate(voxels * Of(grid));
}
