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
public sealed record GlmShardHeader(
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
    public const string Format = "ari-glm-shard/1";
    public const string Extension = ".glmstats";

    public int Voxels => Grid.VoxelCount;
}
