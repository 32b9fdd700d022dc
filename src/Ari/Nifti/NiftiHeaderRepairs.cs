namespace Ari.Nifti;

/// <summary>
/// The header fixes nibabel makes when it loads a file (its check_fix), so that Ari reads the same image:
/// sform/qform codes outside 0-5 become 0; pixdim[1..3] of 0 become 1 and negative ones their absolute value.
/// Each fix is noted in <see cref="NiftiHeader.Repairs"/>.
/// </summary>
internal static class NiftiHeaderRepairs
{
    /// <summary>NIFTI_XFORM_UNKNOWN (0) to NIFTI_XFORM_TEMPLATE_OTHER (5), the codes nibabel knows.</summary>
    public static bool IsValidXformCode(int code) => code is >= 0 and <= 5;

    public static NiftiHeader Apply(NiftiHeader h)
    {
        var notes = new List<string>();
        int sform = h.SformCode, qform = h.QformCode;
        if (!IsValidXformCode(sform))
        {
            notes.Add($"sform_code {sform} is not valid; treated as 0 (no sform), as nibabel does");
            sform = 0;
        }
        if (!IsValidXformCode(qform))
        {
            notes.Add($"qform_code {qform} is not valid; treated as 0 (no qform), as nibabel does");
            qform = 0;
        }
        var pixdim = h.PixDim;
        bool zero = false, negative = false;
        for (int i = 1; i <= 3; i++)
        {
            zero |= pixdim[i] == 0;
            negative |= pixdim[i] < 0;
        }
        if (zero || negative)
        {
            var repaired = pixdim.ToBuilder();
            for (int i = 1; i <= 3; i++)
                repaired[i] = pixdim[i] == 0 ? 1 : Math.Abs(pixdim[i]);
            pixdim = repaired.ToImmutable();
            if (zero) notes.Add("pixdim[1..3] has zeros; set to 1, as nibabel does");
            if (negative) notes.Add("pixdim[1..3] has negative values; made positive, as nibabel does");
        }
        if (notes.Count == 0) return h;
        return h with { SformCode = sform, QformCode = qform, PixDim = pixdim, Repairs = notes };
    }
}
