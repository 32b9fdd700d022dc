using Ari.Imaging;

namespace Ari.Plotting.Backgrounds;

/// <summary>
/// scipy.ndimage.binary_fill_holes with its default structure: the background voxels that cannot reach the
/// array's border through face-connected (6-neighbour) background voxels become foreground.
/// Each row's background before its first and after its last foreground voxel is outside at once (it touches an
/// x face); a scanline flood fill then claims the gaps inside rows that connect to it, whole runs at a time.
/// </summary>
internal static class HoleFilling
{
    /// <summary>Value of a voxel in the array <see cref="FloodOutside"/> works on: not yet reached background.</summary>
    public const byte Background = 0;

    /// <summary>A foreground voxel.</summary>
    public const byte Foreground = 1;

    /// <summary>A background voxel connected to the border (everything else is in the filled mask).</summary>
    public const byte Outside = 2;

    /// <summary>The filled mask of <paramref name="foreground"/> on <paramref name="grid"/> (x fastest).</summary>
    public static bool[] Fill(ImageGrid grid, ReadOnlySpan<bool> foreground)
    {
        if (foreground.Length != grid.VoxelCount)
            throw new ArgumentException($"mask has {foreground.Length} values, grid {grid.ShapeText} has {grid.VoxelCount}");
        var state = new byte[foreground.Length];
        for (int v = 0; v < state.Length; v++) state[v] = foreground[v] ? Foreground : Background;
        FloodOutside(grid, state);
        var filled = new bool[state.Length];
        for (int v = 0; v < filled.Length; v++) filled[v] = state[v] != Outside;
        return filled;
    }

    /// <summary>
    /// In place: every <see cref="Background"/> voxel connected to the border becomes <see cref="Outside"/>;
    /// the voxels not <see cref="Outside"/> afterwards are the filled mask.
    /// </summary>
    public static void FloodOutside(ImageGrid grid, byte[] state)
    {
        int nx = grid.Nx, ny = grid.Ny, nz = grid.Nz, slice = nx * ny, rows = ny * nz;
        // 1. Each row's background before its first and after its last foreground voxel touches the x faces:
        //    outside at once (most of the background). Rows on the y and z faces are all border: seed their gaps.
        var first = new int[rows];
        var last = new int[rows];
        var seeds = new Stack<int>(4096);
        for (int r = 0; r < rows; r++)
        {
            int row = r * nx;
            var line = state.AsSpan(row, nx);
            int a = line.IndexOfAnyExcept(Background);
            if (a < 0)
            {
                line.Fill(Outside);
                first[r] = nx;
                last[r] = -1;
                continue;
            }
            int b = line.LastIndexOfAnyExcept(Background);
            line[..a].Fill(Outside);
            line[(b + 1)..].Fill(Outside);
            first[r] = a;
            last[r] = b;
            int j = r % ny, k = r / ny;
            if (j == 0 || j == ny - 1 || k == 0 || k == nz - 1)
                PushRuns(state, row, a, b, seeds);
        }
        // 2. Background gaps inside rows that touch an outside voxel of a neighbouring row start the flood.
        for (int r = 0; r < rows; r++)
        {
            int a = first[r], b = last[r];
            if (b - a < 2) continue;
            int row = r * nx, j = r % ny, k = r / ny;
            var inner = state.AsSpan(row + a, b - a + 1);
            int offset = 0;
            while (true)
            {
                int gap = inner[offset..].IndexOf(Background);
                if (gap < 0) break;
                int v = row + a + offset + gap;
                if ((j > 0 && state[v - nx] == Outside) || (j < ny - 1 && state[v + nx] == Outside)
                    || (k > 0 && state[v - slice] == Outside) || (k < nz - 1 && state[v + slice] == Outside))
                    seeds.Push(v);
                offset += gap + 1;
                if (offset >= inner.Length) break;
            }
        }
        // 3. Scanline flood fill from the seeds.
        while (seeds.Count > 0)
        {
            int seed = seeds.Pop();
            if (state[seed] != Background) continue;
            int rowStart = seed - seed % nx;
            int left = seed, right = seed;
            while (left > rowStart && state[left - 1] == Background) left--;
            while (right < rowStart + nx - 1 && state[right + 1] == Background) right++;
            state.AsSpan(left, right - left + 1).Fill(Outside);
            int rest = seed / nx, j = rest % ny, k = rest / ny;
            if (j > 0) PushRuns(state, rowStart - nx, left - rowStart, right - rowStart, seeds);
            if (j < ny - 1) PushRuns(state, rowStart + nx, left - rowStart, right - rowStart, seeds);
            if (k > 0) PushRuns(state, rowStart - slice, left - rowStart, right - rowStart, seeds);
            if (k < nz - 1) PushRuns(state, rowStart + slice, left - rowStart, right - rowStart, seeds);
        }
    }

    /// <summary>Pushes one seed per run of unclaimed background voxels on row <paramref name="row"/> between two x positions.</summary>
    private static void PushRuns(byte[] state, int row, int from, int to, Stack<int> seeds)
    {
        bool inRun = false;
        for (int i = from; i <= to; i++)
        {
            bool open = state[row + i] == Background;
            if (open && !inRun) seeds.Push(row + i);
            inRun = open;
        }
    }
}
