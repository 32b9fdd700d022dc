using System.IO.Compression;

namespace Ari.Nifti;

/// <summary>What to write besides the voxels: datatype, NIfTI version, intent, description, units, transform codes.</summary>
public sealed record NiftiWriteOptions
{
    /// <summary>The defaults: natural datatype, NIfTI-1, no intent or description, mm and seconds, sform and qform code 2 (aligned).</summary>
    public static NiftiWriteOptions Default { get; } = new();

    /// <summary>Stored datatype; null means the natural one for the values' type (float for float, double for double...).</summary>
    public NiftiDataType? DataType { get; init; }
    /// <summary>1 (348-byte header, float32 transforms) or 2 (540-byte header, float64 transforms).</summary>
    public int Version { get; init; } = 1;
    /// <summary>descrip: free text written in the header (80 bytes at most).</summary>
    public string Descrip { get; init; } = "";
    /// <summary>intent_code written in the header (nifti1.h NIFTI_INTENT_*, e.g. 3 = t-statistic, 5 = z-score); 0 for none.</summary>
    public int IntentCode { get; init; }
    /// <summary>intent_name written in the header (16 bytes at most).</summary>
    public string IntentName { get; init; } = "";
    /// <summary>intent_p1 written in the header (e.g. the degrees of freedom of a t-map).</summary>
    public double IntentP1 { get; init; }
    /// <summary>intent_p2 written in the header.</summary>
    public double IntentP2 { get; init; }
    /// <summary>intent_p3 written in the header.</summary>
    public double IntentP3 { get; init; }
    /// <summary>NIFTI_UNITS_MM | NIFTI_UNITS_SEC by default.</summary>
    public int XyztUnits { get; init; } = 2 | 8;
    /// <summary>1 scanner, 2 aligned, 3 Talairach, 4 MNI152.</summary>
    public int SformCode { get; init; } = 2;
    /// <summary>qform_code: 1 scanner, 2 aligned (default), 3 Talairach, 4 MNI152.</summary>
    public int QformCode { get; init; } = 2;
    /// <summary>Gzip level for .gz paths (fast by default).</summary>
    public CompressionLevel Compression { get; init; } = CompressionLevel.Fastest;

    /// <summary>Options that keep another header's description, intent, units and transform codes.</summary>
    public static NiftiWriteOptions From(NiftiHeader header) => new()
    {
        Version = header.Version,
        Descrip = header.Descrip,
        IntentCode = header.IntentCode,
        IntentName = header.IntentName,
        IntentP1 = header.IntentP1,
        IntentP2 = header.IntentP2,
        IntentP3 = header.IntentP3,
        XyztUnits = header.XyztUnits,
        SformCode = header.SformCode > 0 ? header.SformCode : 2,
        QformCode = header.QformCode > 0 ? header.QformCode : 2,
    };
}
