using Ari.Glm;
using Ari.IO;
using Ari.Nifti;

namespace Ari.Pipelines.Glm;

/// <summary>
/// What one shard of a sharded `ari glm` knows besides its statistics: the run it belongs to (a digest of
/// everything the shards must agree on), which rows it holds, the whole design and map list (so that combine
/// needs nothing else), the request, its inputs' fingerprints (each input is hashed once, by its shard),
/// the grid, its timings and the stored type of the combined maps (`--dtype`).
/// </summary>
/// <param name="Run">The run's identity: a digest of version, shard count, maps, design, contrast, smoothing, mask and image type.</param>
/// <param name="Shard">This shard's index K, from 1.</param>
/// <param name="Shards">The number of shards N.</param>
/// <param name="FirstRow">The first design row (0-based) this shard holds.</param>
/// <param name="Rows">How many consecutive rows it holds.</param>
/// <param name="Command">The shard's command line.</param>
/// <param name="Contrast">The contrast text; null for the design's only column.</param>
/// <param name="SmoothingFwhm">FWHM in mm; null for no smoothing.</param>
/// <param name="MaskPath">The mask's full path; null for the background mask of the mean map.</param>
/// <param name="DesignSource">The design table's path; null for an intercept-only design.</param>
/// <param name="InterceptAdded">True when an intercept column was added to the table.</param>
/// <param name="Design">The whole design (every row, not just this shard's).</param>
/// <param name="Maps">Every map, in design-row order.</param>
/// <param name="Inputs">The fingerprints of this shard's maps.</param>
/// <param name="Grid">The maps' grid.</param>
/// <param name="Columns">p: the number of design columns (rows of β).</param>
/// <param name="BasisRank">k: the rank of the column-space basis (the triangle is k x k).</param>
/// <param name="Seconds">This shard's seconds per step ("read", "smooth", "fit", "total").</param>
/// <param name="Pairing">How the table's rows were paired with the maps; null without a table.</param>
/// <param name="ImageType">Stored type of the combined statistical maps: float64 (default) or float32.</param>
internal sealed record GlmShardHeader(
    string Run,
    int Shard,
    int Shards,
    int FirstRow,
    int Rows,
    string Command,
    string? Contrast,
    double? SmoothingFwhm,
    string? MaskPath,
    string? DesignSource,
    bool InterceptAdded,
    DesignMatrix Design,
    IReadOnlyList<string> Maps,
    IReadOnlyList<FileFingerprint> Inputs,
    ImageGrid Grid,
    int Columns,
    int BasisRank,
    IReadOnlyDictionary<string, double> Seconds,
    string? Pairing = null,
    NiftiDataType ImageType = NiftiDataType.Float64)
{
    /// <summary>The format tag written in the header, "ari-glm-shard/1"; other values are refused.</summary>
    public const string Format = "ari-glm-shard/1";
    /// <summary>The shard files' extension, ".glmstats".</summary>
    public const string Extension = ".glmstats";

    /// <summary>Voxels per map: the grid's voxel count (the length of every per-voxel array in the file).</summary>
    public int Voxels => Grid.VoxelCount;
}
