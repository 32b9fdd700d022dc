using Ari.Glm;

namespace Ari.Tests.Glm;

public class OlsDesignTests
{
    [Fact]
    public void PseudoInverseOfAFullRankDesignSolvesTheNormalEquations()
    {
        var design = DesignMatrix.FromColumns(("intercept", [1, 1, 1, 1, 1]), ("age", [20, 35, 41, 28, 60]), ("sex", [0, 1, 1, 0, 1]));
        var ols = new OlsDesign(design);
        Assert.Equal(3, ols.Rank);
        Assert.Equal(2, ols.ResidualDof);
        // X⁺ X = I
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
            {
                double sum = 0;
                for (int r = 0; r < 5; r++) sum += ols.PseudoInverse[a, r] * design[r, b];
                Assert.Equal(a == b ? 1.0 : 0.0, sum, 12);
            }
        // (XᵀX)⁻¹ by brute force equals X⁺X⁺ᵀ
        var xtx = new double[3, 3];
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
                for (int r = 0; r < 5; r++) xtx[a, b] += design[r, a] * design[r, b];
        var inverse = BruteForce.Invert(xtx);
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
                Assert.Equal(inverse[a, b], ols.NormalizedCovariance[a, b], 1e-12 * Math.Max(1, Math.Abs(inverse[a, b])));
        Assert.True(ols.IsEstimable([0, 1, -1]));
    }

    [Fact]
    public void RankDeficientDesignUsesTheMinimumNormSolutionAndFlagsNonEstimableContrasts()
    {
        // Two group indicators plus an intercept: rank 2 of 3 columns.
        var design = DesignMatrix.FromColumns(("intercept", [1, 1, 1, 1, 1, 1]), ("a", [1, 1, 1, 0, 0, 0]), ("b", [0, 0, 0, 1, 1, 1]));
        var ols = new OlsDesign(design);
        Assert.Equal(2, ols.Rank);
        Assert.Equal(4, ols.ResidualDof);
        Assert.True(ols.IsEstimable([0, 1, -1]));    // group difference
        Assert.True(ols.IsEstimable([1, 0.5, 0.5]));
        Assert.False(ols.IsEstimable([0, 1, 0]));    // group a alone is confounded with the intercept
        Assert.False(ols.IsEstimable([1, 0, 0]));
        // Fitted values are the group means.
        var fitted = ols.Fitted([1, 2, 3, 10, 20, 30]);
        Assert.Equal(new[] { 2.0, 2, 2, 20, 20, 20 }, fitted.Select(v => Math.Round(v, 10)));
    }

    [Fact]
    public void RankFollowsNumpyTolerance()
    {
        var design = DesignMatrix.FromColumns(("a", [1, 2, 3]), ("b", [2, 4, 6 + 1e-15]));
        Assert.Equal(1, new OlsDesign(design).Rank);       // numpy: matrix_rank(X, sum|X| eps) = 1
        var independent = DesignMatrix.FromColumns(("a", [1, 2, 3]), ("b", [2, 4, 6 + 1e-13]));
        Assert.Equal(2, new OlsDesign(independent).Rank);
    }
}

/// <summary>Plain linear algebra for the tests' independent checks (Gauss-Jordan with partial pivoting).</summary>
internal static class BruteForce
{
    public static double[,] Invert(double[,] m)
    {
        int n = m.GetLength(0);
        var a = new double[n, 2 * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) a[i, j] = m[i, j];
            a[i, n + i] = 1;
        }
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            for (int j = 0; j < 2 * n; j++) (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
            double d = a[col, col];
            for (int j = 0; j < 2 * n; j++) a[col, j] /= d;
            for (int r = 0; r < n; r++)
            {
                if (r == col) continue;
                double f = a[r, col];
                for (int j = 0; j < 2 * n; j++) a[r, j] -= f * a[col, j];
            }
        }
        var inv = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) inv[i, j] = a[i, n + j];
        return inv;
    }

    /// <summary>Ordinary least squares of y on the columns of x by the normal equations: (β, RSS).</summary>
    public static (double[] Beta, double Rss) Regress(double[,] x, double[] y)
    {
        int n = x.GetLength(0), p = x.GetLength(1);
        var xtx = new double[p, p];
        var xty = new double[p];
        for (int a = 0; a < p; a++)
        {
            for (int r = 0; r < n; r++) xty[a] += x[r, a] * y[r];
            for (int b = 0; b < p; b++)
                for (int r = 0; r < n; r++) xtx[a, b] += x[r, a] * x[r, b];
        }
        var inv = Invert(xtx);
        var beta = new double[p];
        for (int a = 0; a < p; a++) for (int b = 0; b < p; b++) beta[a] += inv[a, b] * xty[b];
        double rss = 0;
        for (int r = 0; r < n; r++)
        {
            double fit = 0;
            for (int a = 0; a < p; a++) fit += x[r, a] * beta[a];
            rss += (y[r] - fit) * (y[r] - fit);
        }
        return (beta, rss);
    }
}
