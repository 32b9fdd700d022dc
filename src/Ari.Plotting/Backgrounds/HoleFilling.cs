using Ari.Imaging;

namespace Ari.Plotting.Backgrounds;

/// <summary>
/// scipy.ndimage.binary_fill_holes with its default structure: the background voxels that cannot reach the
/// array's border through face-connected (6-neighbour) background voxels become foreground.
/// </summary>
public static class HoleFilling
{
    /// <summary>The filled mask of <paramref name="foreground"/> on <paramref name="grid"/> (x fastest).</summary>
    public static bool[] Fill(ImageGrid grid, ReadOnlySpan<bool> foreground)
    {
        int nx = grid.Nx, ny = grid.Ny, nz = grid.Nz;
        if (foreground.Length != grid.VoxelCount)
            throw new ArgumentException($"mask has {foreground.Length} values, grid {grid.ShapeText} has {grid.VoxelCount}");
        // outside[i] = background reachable from the border; everything else is the filled mask.
        var outside = new bool[foreground.Length];
        var stack = new Stack<int>(1 << 16);
        int sliceSize = nx * ny;
        for (int k = 0; k < nz; k++)
            for (int j = 0; j < ny; j++)
            {
                bool faceK = k == 0 || k == nz - 1, faceJ = j == 0 || j == ny - 1;
                int row = j * nx + k * sliceSize;
                if (faceK || faceJ)
                    for (int i = 0; i < nx; i++) Visit(row + i, foreground, outside, stack);
                else
                {
                    Visit(row, foreground, outside, stack);
                    Visit(row + nx - 1, foreground, outside, stack);
                }
            }
        while (stack.Count > 0)
        {
            int index = stack.Pop();
            int i = index % nx, rest = index / nx, j = rest % ny, k = rest / ny;
            if (i > 0) Visit(index - 1, foreground, outside, stack);
            if (i < nx - 1) Visit(index + 1, foreground, outside, stack);
            if (j > 0) Visit(index - nx, foreground, outside, stack);
            if (j < ny - 1) Visit(index + nx, foreground, outside, stack);
            if (k > 0) Visit(index - sliceSize, foreground, outside, stack);
            if (k < nz - 1) Visit(index + sliceSize, foreground, outside, stack);
        }
        var filled = outside; // reuse the buffer: filled = not outside
        for (int v = 0; v < filled.Length; v++) filled[v] = !filled[v];
        return filled;
    }

    private static void Visit(int index, ReadOnlySpan<bool> foreground, bool[] outside, Stack<int> stack)
    {
        if (!outside[index] && !foreground[index])
        {
            outside[index] = true;
            stack.Push(index);
        }
    }
}
