using System.Numerics;

namespace Ari.Glm;

/// <summary>
/// Givens rotations that fold one row into an upper triangular factor (the row-by-row QR update), and their
/// element-wise application to the per-voxel right-hand sides. Shared by the streaming accumulator (a new map's
/// design row) and the merge of two partial factorisations (the other factor's rows, TSQR-style).
/// </summary>
internal static class GivensRotations
{
    /// <summary>
    /// Folds <paramref name="row"/> (overwritten) into <paramref name="triangle"/> (k x k, updated): for each j the
    /// (c, s) that zero the row's j-th entry against the diagonal, (1, 0) where nothing is to be done.
    /// </summary>
    public static void Fold(double[,] triangle, Span<double> row, Span<double> cosines, Span<double> sines)
    {
        int k = triangle.GetLength(0);
        for (int j = 0; j < k; j++)
        {
            cosines[j] = 1;
            sines[j] = 0;
            if (row[j] == 0) continue;
            double diagonal = triangle[j, j];
            double radius = double.Hypot(diagonal, row[j]);
            double c = diagonal / radius, s = row[j] / radius;
            cosines[j] = c;
            sines[j] = s;
            triangle[j, j] = radius;
            row[j] = 0;
            for (int m = j + 1; m < k; m++)
            {
                double top = triangle[j, m];
                triangle[j, m] = c * top + s * row[m];
                row[m] = -s * top + c * row[m];
            }
        }
    }

    /// <summary>(z, t) ← (c z + s t, -s z + c t), element-wise.</summary>
    public static void Rotate(Span<double> z, Span<double> t, double c, double s)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vc = new Vector<double>(c);
            var vs = new Vector<double>(s);
            for (; i <= z.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var zi = new Vector<double>(z[i..]);
                var ti = new Vector<double>(t[i..]);
                (vc * zi + vs * ti).CopyTo(z[i..]);
                (vc * ti - vs * zi).CopyTo(t[i..]);
            }
        }
        for (; i < z.Length; i++)
        {
            double zi = z[i], ti = t[i];
            z[i] = c * zi + s * ti;
            t[i] = c * ti - s * zi;
        }
    }
}
