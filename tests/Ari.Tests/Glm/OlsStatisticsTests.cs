using Ari.Glm;
using MathNet.Numerics.LinearAlgebra;

namespace Ari.Tests.Glm;

/// <summary>
/// The per-batch OLS sufficient statistics and their TSQR merge: shards of any sizes merged in any order give
/// one run's β and residual sums of squares within the proven rounding bound, and brute-force least squares.
/// </summary>
public class OlsStatisticsTests
{
    private const double U = 1.1102230246251565e-16; // unit roundoff 2^-53

    /// <summary>A design (intercept + two covariates, or a rank-deficient one) and maps y (rows x voxels) with effects of every size.</summary>
    private static (DesignMatrix Design, double[][] Maps) Problem(int rows, int voxels, bool rankDeficient, int seed)
    {
        var random = new Random(seed);
        var x = new double[rows, rankDeficient ? 4 : 3];
        for (int r = 0; r < rows; r++)
        {
            x[r, 0] = 1;
            x[r, 1] = 20 + 40 * random.NextDouble();
            x[r, 2] = random.Next(2);
            if (rankDeficient) x[r, 3] = 1 - x[r, 2]; // + column 2 = intercept
        }
        var design = new DesignMatrix(rankDeficient ? ["intercept", "age", "a", "b"] : ["intercept", "age", "a"], x);
        var maps = new double[rows][];
        for (int r = 0; r < rows; r++)
        {
            maps[r] = new double[voxels];
            for (int v = 0; v < voxels; v++)
            {
                double scale = Math.Pow(10, v % 7 - 3); // 1e-3 .. 1e3
                double effect = (v % 3 - 1) * scale;    // negative, zero and positive effects
                maps[r][v] = 100 * scale + effect * x[r, 2] + 0.01 * scale * x[r, 1] + scale * Gaussian(random);
            }
        }
        return (design, maps);
    }

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static OlsStatistics Accumulate(OlsDesign ols, double[][] maps, int first, int count)
    {
        var accumulator = new OlsAccumulator(ols, maps[0].Length, first, count);
        for (int r = first; r < first + count; r++) accumulator.AddBatch([maps[r]], [maps[r]], 1);
        return accumulator.Statistics;
    }

    private static OlsStatistics Sharded(OlsDesign ols, double[][] maps, int[] sizes, bool reverse)
    {
        var parts = new List<OlsStatistics>();
        int first = 0;
        foreach (int size in sizes) { parts.Add(Accumulate(ols, maps, first, size)); first += size; }
        if (reverse) parts.Reverse();
        var merged = parts[0];
        foreach (var part in parts.Skip(1)) merged.Merge(part);
        return merged;
    }

    [Theory]
    [InlineData(false, new[] { 9, 1, 17, 10 }, false)]
    [InlineData(false, new[] { 9, 1, 17, 10 }, true)]
    [InlineData(true, new[] { 20, 17 }, true)]
    [InlineData(false, new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, false)]
    public void ShardsMergedInAnyOrderGiveOneRunWithinTheProvenBound(bool rankDeficient, int[] sizes, bool reverse)
    {
        const int voxels = 210;
        int rows = sizes.Sum();
        var (design, maps) = Problem(rows, voxels, rankDeficient, seed: 7);
        var ols = new OlsDesign(design);
        var single = Accumulate(ols, maps, 0, rows);
        var sharded = Sharded(ols, maps, sizes, reverse);
        Assert.Equal(rows, sharded.RowCount);
        int k = ols.ColumnBasis.GetLength(1);
        double gammaN = rows * U / (1 - rows * U);

        for (int v = 0; v < voxels; v++)
        {
            // β = Σ_i X⁺[c, i] y_i: any two summation orders differ by at most 2 γ_n Σ_i |X⁺[c, i] y_i|.
            for (int c = 0; c < design.ColumnCount; c++)
            {
                double magnitude = 0;
                for (int r = 0; r < rows; r++) magnitude += Math.Abs(ols.PseudoInverse[c, r] * maps[r][v]);
                double bound = 2 * gammaN * magnitude;
                Assert.True(Math.Abs(single.Beta[c][v] - sharded.Beta[c][v]) <= bound,
                    $"β{c} voxel {v}: {single.Beta[c][v]:R} vs {sharded.Beta[c][v]:R}, bound {bound:E2}");
            }
            // RSS: Givens QR is backward stable (Higham, Thm 19.10), so √RSS moves by at most c (n + k) u ‖y‖;
            // we check c = 4 (1 + √k) per computation, twice for the difference of two.
            double norm = Math.Sqrt(maps.Sum(m => m[v] * m[v]));
            double rootSingle = Math.Sqrt(single.Rss[v]), rootSharded = Math.Sqrt(sharded.Rss[v]);
            double rssBound = 2 * 4 * (1 + Math.Sqrt(k)) * (rows + k) * U * norm;
            Assert.True(Math.Abs(rootSingle - rootSharded) <= rssBound,
                $"√RSS voxel {v}: {rootSingle:R} vs {rootSharded:R}, bound {rssBound:E2}");
            Assert.True(Math.Abs(rootSingle - rootSharded) <= 1e-12 * rootSingle, $"√RSS voxel {v} relative");
        }
        // The sums for the mean image add exactly up to the summation bound too.
        for (int v = 0; v < voxels; v++)
            Assert.True(Math.Abs(single.Sum[v] - sharded.Sum[v]) <= 2 * gammaN * maps.Sum(m => Math.Abs(m[v])));
    }

    [Fact]
    public void MergedStatisticsAreLeastSquaresByBruteForce()
    {
        const int voxels = 40;
        var (design, maps) = Problem(23, voxels, rankDeficient: false, seed: 3);
        var ols = new OlsDesign(design);
        var merged = Sharded(ols, maps, [5, 6, 12], reverse: true);
        var x = Matrix<double>.Build.DenseOfArray(design.ToArray());
        for (int v = 0; v < voxels; v++)
        {
            var y = Vector<double>.Build.Dense(maps.Select(m => m[v]).ToArray());
            var beta = x.QR().Solve(y);
            double rss = (y - x * beta).DotProduct(y - x * beta);
            for (int c = 0; c < design.ColumnCount; c++)
                Assert.True(Math.Abs(beta[c] - merged.Beta[c][v]) <= 1e-9 * (Math.Abs(beta[c]) + y.AbsoluteMaximum()), $"β{c} voxel {v}");
            Assert.True(Math.Abs(rss - merged.Rss[v]) <= 1e-9 * rss, $"RSS voxel {v}: {rss:R} vs {merged.Rss[v]:R}");
        }
    }

    [Fact]
    public void ShardsOfDifferentShapesDoNotMerge()
    {
        var a = new OlsStatistics(columns: 2, basisRank: 2, voxels: 10, rowCount: 3);
        var b = new OlsStatistics(columns: 2, basisRank: 2, voxels: 11, rowCount: 3);
        Assert.Throws<ArgumentException>(() => a.Merge(b));
    }
}
