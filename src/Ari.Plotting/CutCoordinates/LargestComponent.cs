namespace Ari.Plotting.CutCoordinates;

/// <summary>
/// nilearn's largest_connected_component on a voxel mask: scipy.ndimage.label with face connectivity, the biggest
/// component kept; among equally big ones the first in scipy's scan order (C order: the last axis fastest).
/// </summary>
internal static class LargestComponent
{
    /// <summary>The largest component of <paramref name="mask"/> (x fastest, shape nx, ny, nz), or an empty mask.</summary>
    public static bool[] Of(ReadOnlySpan<bool> mask, int nx, int ny, int nz)
    {
        var label = new int[mask.Length];
        var stack = new Stack<int>();
        int sliceSize = nx * ny;
        int best = 0, bestSize = 0;
        long bestFirst = long.MaxValue;
        int next = 0;
        for (int start = 0; start < mask.Length; start++)
        {
            if (!mask[start] || label[start] != 0) continue;
            int id = ++next, size = 0;
            long first = long.MaxValue;
            label[start] = id;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int index = stack.Pop();
                size++;
                int i = index % nx, rest = index / nx, j = rest % ny, k = rest / ny;
                long cOrder = k + (long)nz * (j + (long)ny * i);
                if (cOrder < first) first = cOrder;
                if (i > 0) Push(index - 1, id, mask, label, stack);
                if (i < nx - 1) Push(index + 1, id, mask, label, stack);
                if (j > 0) Push(index - nx, id, mask, label, stack);
                if (j < ny - 1) Push(index + nx, id, mask, label, stack);
                if (k > 0) Push(index - sliceSize, id, mask, label, stack);
                if (k < nz - 1) Push(index + sliceSize, id, mask, label, stack);
            }
            if (size > bestSize || (size == bestSize && first < bestFirst))
            {
                best = id;
                bestSize = size;
                bestFirst = first;
            }
        }
        var result = new bool[mask.Length];
        if (best == 0) return result;
        for (int v = 0; v < result.Length; v++) result[v] = label[v] == best;
        return result;
    }

    private static void Push(int neighbour, int id, ReadOnlySpan<bool> mask, int[] label, Stack<int> stack)
    {
        if (label[neighbour] == 0 && mask[neighbour])
        {
            label[neighbour] = id;
            stack.Push(neighbour);
        }
    }
}
