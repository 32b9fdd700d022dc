namespace Ari.Thresholding;

/// <summary>How the voxel-level threshold is chosen (nilearn's threshold_stats_img height_control).</summary>
public enum HeightControl
{
    /// <summary>Uncorrected: z &gt; isf(alpha) (alpha / 2 two-sided).</summary>
    Fpr,
    /// <summary>Benjamini-Hochberg false discovery rate at alpha (alpha / 2 two-sided), over the mask's voxels.</summary>
    Fdr,
    /// <summary>Family-wise: z &gt; isf(alpha / number of voxels in the mask) (alpha / 2 two-sided).</summary>
    Bonferroni,
    /// <summary>The given threshold as is.</summary>
    None,
}

/// <summary>Names of <see cref="HeightControl"/> as the command line and threshold.json write them.</summary>
public static class HeightControlNames
{
    /// <summary>Every name, in <see cref="HeightControl"/> order: "fpr", "fdr", "bonferroni", "none".</summary>
    public static readonly string[] All = ["fpr", "fdr", "bonferroni", "none"];

    /// <summary>The lowercase name of <paramref name="control"/> ("fpr", "fdr", "bonferroni" or "none").</summary>
    public static string Name(this HeightControl control) => control switch
    {
        HeightControl.Fpr => "fpr",
        HeightControl.Fdr => "fdr",
        HeightControl.Bonferroni => "bonferroni",
        _ => "none",
    };

    /// <summary>The control named <paramref name="text"/> (case-insensitive, surrounding spaces ignored), or null for an unknown name.</summary>
    public static HeightControl? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "fpr" => HeightControl.Fpr,
        "fdr" => HeightControl.Fdr,
        "bonferroni" => HeightControl.Bonferroni,
        "none" => HeightControl.None,
        _ => null,
    };
}
