using Ari.Imaging;
using Ari.Masking;
using Ari.Statistics;
using MathNet.Numerics.LinearAlgebra;

namespace Ari.Glm;

/// <summary>
/// The outputs of one contrast, as nilearn's compute_contrast(output_type="all") gives them, over the voxels
/// of the mask (mask order): z score, statistic (t or F), one-sided p value, effect size (one row per contrast
/// row) and effect variance. <see cref="ToVolume"/> puts them back on the grid with 0 outside the mask.
/// <para>t: effect = cβ, variance = c(XᵀX)⁺cᵀ s², t = effect / √max(variance, 1e-50), p = P(T_dof &gt; t).</para>
/// <para>F: effect = (c(XᵀX)⁺cᵀ)^(-1/2) cβ, variance = s², F = |effect|² / q / max(s², 1e-50), p = P(F_(q,dof) &gt; F).</para>
/// s² = RSS / (n - rank); z from p exactly as nilearn's z_score(p, 1 - p).
/// </summary>
public sealed class ContrastMaps
{
    /// <summary>nilearn's DEF_TINY, the floor of the variance in the statistic.</summary>
    public const double Tiny = 1e-50;

    private ContrastMaps(Contrast contrast, Mask mask, int dof, double[] z, double[] stat, double[] p, double[][] effect, double[] variance)
    {
        Contrast = contrast; Mask = mask; Dof = dof;
        ZScore = z; Stat = stat; PValue = p; EffectSize = effect; EffectVariance = variance;
    }

    /// <summary>The contrast these maps test.</summary>
    public Contrast Contrast { get; }
    /// <summary>The mask the model was fitted in; every array here has one value per mask voxel, in mask order.</summary>
    public Mask Mask { get; }

    /// <summary>Residual degrees of freedom of the t (or the F denominator).</summary>
    public int Dof { get; }

    /// <summary>z score per mask voxel (nilearn's "z_score"): the standard normal quantile of the one-sided p value.</summary>
    public double[] ZScore { get; }
    /// <summary>The t or F statistic per mask voxel (nilearn's "stat").</summary>
    public double[] Stat { get; }
    /// <summary>One-sided p value per mask voxel (nilearn's "p_value"): P(T_dof &gt; t) or P(F_(q,dof) &gt; F).</summary>
    public double[] PValue { get; }

    /// <summary>One array per contrast row (a single one for a t contrast).</summary>
    public double[][] EffectSize { get; }
    /// <summary>Effect variance per mask voxel (nilearn's "effect_variance"): c(XᵀX)⁺cᵀ s² for t, s² for F.</summary>
    public double[] EffectVariance { get; }

    /// <summary>An output on the grid, 0 outside the mask: "z_score", "stat", "p_value", "effect_size" (first row), "effect_variance".</summary>
    public Volume<double> ToVolume(string output) => Mask.Unmask(output switch
    {
        "z_score" => ZScore,
        "stat" => Stat,
        "p_value" => PValue,
        "effect_size" => EffectSize[0],
        "effect_variance" => EffectVariance,
        _ => throw new ArgumentException($"unknown output '{output}' (z_score, stat, p_value, effect_size, effect_variance)", nameof(output)),
    });

    /// <summary>The names of the outputs, in nilearn's order.</summary>
    public static IReadOnlyList<string> OutputNames { get; } = ["z_score", "stat", "p_value", "effect_size", "effect_variance"];

    internal static ContrastMaps Compute(Contrast contrast, OlsDesign ols, double[][] beta, double[] rss, Mask mask)
    {
        int voxels = rss.Length, p = ols.ColumnCount, q = contrast.RowCount, dof = ols.ResidualDof;
        var cov = ols.NormalizedCovariance;
        // c (XᵀX)⁺ cᵀ, q x q
        var ccc = new double[q, q];
        for (int a = 0; a < q; a++)
            for (int b = 0; b < q; b++)
            {
                double sum = 0;
                for (int i = 0; i < p; i++)
                    for (int j = 0; j < p; j++) sum += contrast[a, i] * cov[i, j] * contrast[b, j];
                ccc[a, b] = sum;
            }
        double[,] whitening = contrast.Type == StatType.F ? InverseSquareRoot(ccc, contrast) : new double[0, 0];

        var z = new double[voxels];
        var stat = new double[voxels];
        var pValue = new double[voxels];
        var effect = Enumerable.Range(0, q).Select(_ => new double[voxels]).ToArray();
        var variance = new double[voxels];
        double dofForTests = Math.Min(dof, Glm.ZScore.MaxDof);
        const int chunk = 2048;
        Parallel.For(0, (voxels + chunk - 1) / chunk, part =>
        {
            Span<double> cb = stackalloc double[q];
            int end = Math.Min(voxels, (part + 1) * chunk);
            for (int v = part * chunk; v < end; v++)
            {
                for (int a = 0; a < q; a++)
                {
                    double sum = 0;
                    for (int i = 0; i < p; i++) sum += contrast[a, i] * beta[i][v];
                    cb[a] = sum;
                }
                double dispersion = rss[v] / dof;
                if (contrast.Type == StatType.T)
                {
                    double var = ccc[0, 0] * dispersion;
                    double t = cb[0] / Math.Sqrt(Math.Max(var, Tiny));
                    effect[0][v] = cb[0];
                    variance[v] = var;
                    stat[v] = t;
                    z[v] = Glm.ZScore.FromT(t, dofForTests, out pValue[v]);
                }
                else
                {
                    double squares = 0;
                    for (int a = 0; a < q; a++)
                    {
                        double w = 0;
                        for (int b = 0; b < q; b++) w += whitening[a, b] * cb[b];
                        effect[a][v] = w;
                        squares += w * w;
                    }
                    double f = squares / q / Math.Max(dispersion, Tiny);
                    variance[v] = dispersion;
                    stat[v] = f;
                    var (lower, upper) = FisherF.Tails(f, q, dofForTests);
                    pValue[v] = upper;
                    z[v] = Glm.ZScore.FromPValues(upper, lower);
                }
            }
        });
        return new ContrastMaps(contrast, mask, dof, z, stat, pValue, effect, variance);
    }

    /// <summary>M^(-1/2) of a symmetric positive definite q x q matrix (scipy's sqrtm(inv(M)) for such M).</summary>
    private static double[,] InverseSquareRoot(double[,] m, Contrast contrast)
    {
        var matrix = Matrix<double>.Build.DenseOfArray(m);
        var evd = matrix.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(c => c.Real).ToArray();
        double largest = values.Max(Math.Abs);
        if (values.Any(v => v <= largest * 1e-12))
            throw new AriException($"the rows of the F contrast '{contrast.Expression}' are linearly dependent; give independent rows");
        var vectors = evd.EigenVectors;
        var scaled = vectors * Matrix<double>.Build.DenseOfDiagonalArray(values.Select(v => 1 / Math.Sqrt(v)).ToArray()) * vectors.Transpose();
        return scaled.ToArray();
    }
}
