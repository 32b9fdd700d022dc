using MathNet.Numerics.LinearAlgebra;

namespace Ari.Glm;

/// <summary>
/// A design prepared for ordinary least squares as nilearn's OLSModel prepares it: the pseudo-inverse X⁺
/// (scipy.linalg.pinv: singular values below max(n, p) eps s_max are dropped), the normalized covariance
/// X⁺X⁺ᵀ, the rank (numpy matrix_rank with tolerance sum|X| eps, as nilearn's df_model) and the residual
/// degrees of freedom n - rank. Also an orthonormal basis of the column space, for streaming residuals.
/// </summary>
public sealed class OlsDesign
{
    /// <summary>numpy's finfo(float64).eps = 2^-52 (.NET's double.Epsilon is the smallest subnormal instead).</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Factorizes <paramref name="design"/> (thin QR then SVD) and derives the pseudo-inverse, covariance, rank and bases.</summary>
    public OlsDesign(DesignMatrix design)
    {
        ArgumentNullException.ThrowIfNull(design);
        Design = design;
        int n = design.RowCount, p = design.ColumnCount;
        var x = Matrix<double>.Build.DenseOfArray(design.ToArray());

        // X = U S Vᵀ with U n x k, k = min(n, p): through a thin QR when n > p so that U stays n x p.
        Matrix<double> u, vt;
        Vector<double> s;
        if (n > p)
        {
            var qr = x.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
            var svd = qr.R.Svd(computeVectors: true);
            u = qr.Q * svd.U;
            s = svd.S;
            vt = svd.VT;
        }
        else
        {
            var svd = x.Svd(computeVectors: true);
            int k = Math.Min(n, p);
            u = svd.U.SubMatrix(0, n, 0, k);
            s = svd.S.SubVector(0, k);
            vt = svd.VT.SubMatrix(0, k, 0, p);
        }
        SingularValues = s.ToArray();

        double largest = SingularValues.Length > 0 ? SingularValues.Max() : 0;
        double pinvCutoff = Math.Max(n, p) * MachineEpsilon * largest;
        int pinvRank = SingularValues.Count(v => v > pinvCutoff);
        double sumAbs = 0;
        for (int r = 0; r < n; r++)
            for (int c = 0; c < p; c++) sumAbs += Math.Abs(design[r, c]);
        Rank = SingularValues.Count(v => v > sumAbs * MachineEpsilon);

        // X⁺ = V S⁻¹ Uᵀ over the kept singular values; basis = the kept columns of U.
        PseudoInverse = new double[p, n];
        ColumnBasis = new double[n, pinvRank];
        RowSpaceBasis = new double[pinvRank, p];
        for (int k = 0; k < pinvRank; k++)
        {
            double inv = 1 / SingularValues[k];
            for (int c = 0; c < p; c++)
            {
                double vk = vt[k, c] * inv;
                for (int r = 0; r < n; r++) PseudoInverse[c, r] += vk * u[r, k];
                RowSpaceBasis[k, c] = vt[k, c];
            }
            for (int r = 0; r < n; r++) ColumnBasis[r, k] = u[r, k];
        }
        NormalizedCovariance = new double[p, p];
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++)
            {
                double sum = 0;
                for (int r = 0; r < n; r++) sum += PseudoInverse[a, r] * PseudoInverse[b, r];
                NormalizedCovariance[a, b] = sum;
            }
    }

    /// <summary>The design matrix X this was prepared from.</summary>
    public DesignMatrix Design { get; }
    /// <summary>n: the number of rows (maps) of X.</summary>
    public int RowCount => Design.RowCount;
    /// <summary>p: the number of columns (regressors) of X.</summary>
    public int ColumnCount => Design.ColumnCount;

    /// <summary>Singular values of X, largest first.</summary>
    public double[] SingularValues { get; }

    /// <summary>numpy matrix_rank(X, tol = sum|X| eps): nilearn's df_model.</summary>
    public int Rank { get; }

    /// <summary>n - rank (nilearn's df_residuals): the Student t degrees of freedom.</summary>
    public int ResidualDof => RowCount - Rank;

    /// <summary>X⁺, p x n.</summary>
    public double[,] PseudoInverse { get; }

    /// <summary>X⁺ X⁺ᵀ = (XᵀX)⁺, p x p.</summary>
    public double[,] NormalizedCovariance { get; }

    /// <summary>An orthonormal basis of the column space of X (n x rank of X⁺).</summary>
    public double[,] ColumnBasis { get; }

    /// <summary>An orthonormal basis of the row space of X (rank x p): the estimable contrasts.</summary>
    public double[,] RowSpaceBasis { get; }

    /// <summary>X X⁺ y: the least-squares fit of one vector of n values.</summary>
    public double[] Fitted(ReadOnlySpan<double> y)
    {
        int n = RowCount, p = ColumnCount;
        var beta = new double[p];
        for (int c = 0; c < p; c++)
            for (int r = 0; r < n; r++) beta[c] += PseudoInverse[c, r] * y[r];
        var fitted = new double[n];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < p; c++) fitted[r] += Design[r, c] * beta[c];
        return fitted;
    }

    /// <summary>
    /// Whether c·β is estimable: c lies in the row space of X (its part outside is below 1e-8 of its norm).
    /// </summary>
    public bool IsEstimable(ReadOnlySpan<double> contrast)
    {
        int p = ColumnCount, k = RowSpaceBasis.GetLength(0);
        double norm2 = 0;
        for (int c = 0; c < p; c++) norm2 += contrast[c] * contrast[c];
        if (norm2 == 0) return false;
        var projected = new double[p];
        for (int b = 0; b < k; b++)
        {
            double dot = 0;
            for (int c = 0; c < p; c++) dot += RowSpaceBasis[b, c] * contrast[c];
            for (int c = 0; c < p; c++) projected[c] += dot * RowSpaceBasis[b, c];
        }
        double outside2 = 0;
        for (int c = 0; c < p; c++) outside2 += (contrast[c] - projected[c]) * (contrast[c] - projected[c]);
        return outside2 <= 1e-16 * norm2;
    }
}
