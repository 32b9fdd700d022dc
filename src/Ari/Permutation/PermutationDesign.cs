using Ari.Glm;

namespace Ari.Permutation;

/// <summary>How null assignments are drawn: signs of the subjects, or orders of the design's rows.</summary>
public enum PermutationKind
{
    /// <summary>Each subject's (residualised) data is multiplied by +1 or -1.</summary>
    SignFlips,

    /// <summary>The rows of the tested variate and the confounds are permuted jointly (nilearn's permuted_ols).</summary>
    RowPermutations,
}

/// <summary>
/// A design and a t contrast split as nilearn 0.10.3's <c>non_parametric_inference</c> and <c>permuted_ols</c>
/// split them: the tested variate x = X c, the confounds = the columns whose weight is 0; then permuted_ols's
/// rules for constant columns and the scheme:
/// <list type="bullet">
/// <item>sign flips when x is constant (the one-sample test) or when the confounds hold exactly one constant
/// column (an intercept): the data residualised on the confounds are sign-flipped (as FSL randomise -e does for
/// symmetric errors);</item>
/// <item>otherwise (no constant column among the confounds) a column of ones is added to the confounds and the
/// rows of the residualised x and of the confounds are permuted jointly while the residualised data stay in
/// place: the t of y_res on (P x_res, P Z) equals that of Pᵀ y_res on (x_res, Z), i.e. Freedman-Lane with the
/// inverse permutation.</item>
/// </list>
/// Several constant confound columns (or one beside a constant x) are dropped and one intercept kept.
/// </summary>
public sealed class PermutationDesign
{
    private PermutationDesign(double[] tested, double[][] confounds, PermutationKind kind, string contrast)
    {
        Tested = tested;
        Confounds = confounds;
        Kind = kind;
        ContrastExpression = contrast;
    }

    /// <summary>The tested variate, one value per subject.</summary>
    public double[] Tested { get; }

    /// <summary>The confound columns after nilearn's handling of constants (may be empty).</summary>
    public double[][] Confounds { get; }

    /// <summary>Sign flips (one-sample test or a single intercept among the confounds) or joint row permutations, as permuted_ols chooses.</summary>
    public PermutationKind Kind { get; }
    /// <summary>The tested contrast as written (e.g. "intercept"), for provenance.</summary>
    public string ContrastExpression { get; }
    /// <summary>n: the number of maps (design rows).</summary>
    public int SubjectCount => Tested.Length;

    /// <summary>Degrees of freedom of the t: n - 1 - (confound columns), as nilearn's threshold uses.</summary>
    public int Dof => SubjectCount - 1 - Confounds.Length;

    /// <summary>Splits a design for a single t contrast; an F contrast or a design without residual freedom is refused.</summary>
    public static PermutationDesign From(DesignMatrix design, Contrast contrast)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(contrast);
        if (contrast.Type != StatType.T)
            throw new AriException($"contrast '{contrast.Expression}' has {contrast.RowCount} rows (an F test); permutations test a single t contrast");
        int n = design.RowCount, p = design.ColumnCount;
        var tested = new double[n];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < p; c++) tested[r] += design[r, c] * contrast[0, c];
        var confounds = new List<double[]>();
        for (int c = 0; c < p; c++)
            if (contrast[0, c] == 0) confounds.Add(design.Column(c));

        bool interceptTest = IsConstant(tested);
        bool modelIntercept = true;
        if (confounds.Count > 0)
        {
            var constants = confounds.Where(IsConstant).ToList();
            if ((interceptTest && constants.Count == 1) || constants.Count > 1)
            {
                confounds.RemoveAll(IsConstant);
                modelIntercept = true;
            }
            if (!interceptTest && constants.Count == 1) interceptTest = true;
        }
        if (modelIntercept && !interceptTest) confounds.Add(Enumerable.Repeat(1.0, n).ToArray());

        var result = new PermutationDesign(tested, [.. confounds], interceptTest ? PermutationKind.SignFlips : PermutationKind.RowPermutations, contrast.Expression);
        if (result.Dof < 1)
            throw new AriException($"{n} maps are too few for contrast '{contrast.Expression}' with {confounds.Count} confound column(s): no residual degrees of freedom");
        return result;
    }

    /// <summary>The one-sample design of n subjects (sign flips).</summary>
    public static PermutationDesign OneSample(int n) =>
        From(DesignMatrix.Intercept(n), Contrast.Default(DesignMatrix.Intercept(n)));

    /// <summary>
    /// Rows that are interchangeable (equal tested value and confounds) share a group id (0, 1, ... in order of
    /// first appearance): permuting them gives the same statistic.
    /// </summary>
    public int[] RowGroups()
    {
        int n = SubjectCount;
        var ids = new int[n];
        int next = 0;
        for (int r = 0; r < n; r++)
        {
            ids[r] = -1;
            for (int q = 0; q < r; q++)
                if (SameRow(r, q)) { ids[r] = ids[q]; break; }
            if (ids[r] < 0) ids[r] = next++;
        }
        return ids;
    }

    private bool SameRow(int a, int b)
    {
        if (Tested[a] != Tested[b]) return false;
        foreach (var column in Confounds)
            if (column[a] != column[b]) return false;
        return true;
    }

    private static bool IsConstant(double[] values) => values.All(v => v == values[0]);
}
