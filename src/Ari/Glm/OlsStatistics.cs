using System.Numerics.Tensors;

namespace Ari.Glm;

/// <summary>
/// The OLS sufficient statistics of a set of design rows (a batch of subjects), for every voxel of the grid:
/// <list type="bullet">
/// <item><see cref="Beta"/>: Σ_i X⁺[:, i] y_i over the rows (p arrays; summing batches gives X⁺y);</item>
/// <item>the R factor of the QR factorisation of [Q_S | y_S], where Q_S are the batch's rows of an orthonormal
/// basis of X's column space: <see cref="Triangle"/> (k x k, the same for every voxel), <see cref="Rotated"/>
/// (k arrays: the last column above the diagonal) and <see cref="Rss"/> (its corner squared: the residual
/// sum of squares of y_S against Q_S);</item>
/// <item><see cref="Sum"/>: the sum of the raw maps (for the mean image the mask is computed from).</item>
/// </list>
/// <see cref="Merge"/> combines two batches exactly: β and the sums add; the factors are stacked and
/// re-factorised (TSQR) by folding the other batch's k triangle rows into this one with Givens rotations,
/// the leftover of each row adding to the residual sum of squares. Mathematically the result does not depend on
/// how the rows are split or in which order batches are merged; in floating point the differences are rounding
/// (see README, "Sharded GLM": the bound).
/// </summary>
internal sealed class OlsStatistics
{
    private const int Slab = 2048;

    public OlsStatistics(int columns, int basisRank, int voxels, int rowCount)
    {
        if (columns < 1 || basisRank < 0 || voxels < 0 || rowCount < 0) throw new ArgumentOutOfRangeException(nameof(columns));
        Voxels = voxels;
        RowCount = rowCount;
        Triangle = new double[basisRank, basisRank];
        Beta = Enumerable.Range(0, columns).Select(_ => new double[voxels]).ToArray();
        Rotated = Enumerable.Range(0, basisRank).Select(_ => new double[voxels]).ToArray();
        Rss = new double[voxels];
        Sum = new double[voxels];
    }

    public int Voxels { get; }

    /// <summary>How many design rows (maps) these statistics hold.</summary>
    public int RowCount { get; internal set; }

    public int Columns => Beta.Length;
    public int BasisRank => Triangle.GetLength(0);

    public double[,] Triangle { get; }
    public double[][] Beta { get; }
    public double[][] Rotated { get; }
    public double[] Rss { get; }
    public double[] Sum { get; }

    /// <summary>Bytes held per voxel (for memory estimates).</summary>
    public static long BytesPerVoxel(OlsDesign design) => 8L * (design.ColumnCount + design.ColumnBasis.GetLength(1) + 2);

    /// <summary>
    /// Adds <paramref name="other"/> (statistics of other rows of the same design, on the same grid) into this one.
    /// <paramref name="other"/> is left unchanged.
    /// </summary>
    public void Merge(OlsStatistics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Voxels != Voxels || other.Columns != Columns || other.BasisRank != BasisRank)
            throw new ArgumentException($"statistics of different shapes ({other.Voxels} voxels x {other.Columns}/{other.BasisRank} vs {Voxels} x {Columns}/{BasisRank})", nameof(other));
        int k = BasisRank;
        // The design part first (the same for every voxel): fold each row of the other triangle into ours.
        var cosines = new double[k][];
        var sines = new double[k][];
        var row = new double[k];
        for (int j = 0; j < k; j++)
        {
            for (int m = 0; m < k; m++) row[m] = other.Triangle[j, m];
            cosines[j] = new double[k];
            sines[j] = new double[k];
            GivensRotations.Fold(Triangle, row, cosines[j], sines[j]);
        }

        int slabs = (Voxels + Slab - 1) / Slab;
        Parallel.For(0, slabs, () => new double[Slab], (s, _, scratch) =>
        {
            int start = s * Slab, length = Math.Min(Slab, Voxels - start);
            var t = scratch.AsSpan(0, length);
            var rss = Rss.AsSpan(start, length);
            TensorPrimitives.Add(rss, other.Rss.AsSpan(start, length), rss);
            for (int j = 0; j < k; j++)
            {
                other.Rotated[j].AsSpan(start, length).CopyTo(t);
                for (int m = 0; m < k; m++)
                    if (sines[j][m] != 0 || cosines[j][m] != 1)
                        GivensRotations.Rotate(Rotated[m].AsSpan(start, length), t, cosines[j][m], sines[j][m]);
                TensorPrimitives.MultiplyAdd(t, t, rss, rss);
            }
            for (int c = 0; c < Columns; c++)
            {
                var beta = Beta[c].AsSpan(start, length);
                TensorPrimitives.Add(beta, other.Beta[c].AsSpan(start, length), beta);
            }
            var sum = Sum.AsSpan(start, length);
            TensorPrimitives.Add(sum, other.Sum.AsSpan(start, length), sum);
            return scratch;
        }, _ => { });
        RowCount += other.RowCount;
    }

    /// <summary>Per-voxel β (p arrays) and residual sum of squares for the given voxels.</summary>
    public (double[][] Beta, double[] Rss) Results(ReadOnlySpan<int> voxels)
    {
        int count = voxels.Length;
        var beta = Beta.Select(_ => new double[count]).ToArray();
        var rss = new double[count];
        for (int n = 0; n < count; n++)
        {
            int v = voxels[n];
            for (int c = 0; c < beta.Length; c++) beta[c][n] = Beta[c][v];
            rss[n] = Rss[v];
        }
        return (beta, rss);
    }

    /// <summary>The voxel-wise mean of the raw maps (NaN where any map is NaN).</summary>
    public double[] Mean()
    {
        var mean = new double[Voxels];
        TensorPrimitives.Divide(Sum, RowCount, mean);
        return mean;
    }
}
