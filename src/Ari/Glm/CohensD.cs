namespace Ari.Glm;

/// <summary>
/// Cohen's d of a one-sample test: d = mean / sd of the subject maps (sd with n - 1 in the denominator), i.e. t / √n,
/// signed like the contrast (d of "-intercept" is minus that of "intercept"). Only defined for a design of one
/// constant column (the one-sample t test); other designs have no single standardised effect and get none.
/// </summary>
public static class CohensD
{
    /// <summary>Whether <paramref name="design"/> and <paramref name="maps"/> are a one-sample t test.</summary>
    public static bool Applies(DesignMatrix design, ContrastMaps maps)
    {
        if (design.ColumnCount != 1 || maps.Contrast.Type != StatType.T || design.RowCount < 2) return false;
        double first = design[0, 0];
        if (first == 0) return false;
        for (int r = 1; r < design.RowCount; r++)
            if (design[r, 0] != first) return false;
        return true;
    }

    /// <summary>d at each voxel of the mask (mask order), or null when the test is not one-sample.</summary>
    public static double[]? OneSample(DesignMatrix design, ContrastMaps maps)
    {
        if (!Applies(design, maps)) return null;
        double scale = 1 / Math.Sqrt(design.RowCount);
        var d = new double[maps.Stat.Length];
        for (int v = 0; v < d.Length; v++) d[v] = maps.Stat[v] * scale;
        return d;
    }
}
