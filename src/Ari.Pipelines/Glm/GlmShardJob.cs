using System.Diagnostics;
using Ari.Glm;
using Ari.IO;
using Ari.Sharding;

namespace Ari.Pipelines.Glm;

/// <summary>The outcome of <see cref="GlmShardJob.Run"/>: the shard file and what it holds.</summary>
/// <param name="Path">The shard file written.</param>
/// <param name="Run">The run's identity (the same for every shard of the run).</param>
/// <param name="Shard">Which shard this is.</param>
/// <param name="FirstRow">The first design row (0-based) it holds.</param>
/// <param name="Rows">How many rows it holds.</param>
/// <param name="TotalRows">The number of maps in the whole run.</param>
/// <param name="Seconds">Seconds per step ("read", "smooth", "fit", "total").</param>
public sealed record GlmShardResult(string Path, string Run, ShardSpec Shard, int FirstRow, int Rows, int TotalRows, IReadOnlyDictionary<string, double> Seconds);

/// <summary>
/// One shard of `ari glm`: the same request as a single run (maps, design, contrast, smoothing, mask), but only
/// the maps of rows <see cref="ShardSpec.Range"/> are read, smoothed and accumulated into OLS sufficient
/// statistics, written to <c>PARTS/shard-K-of-N.glmstats</c> (see <see cref="GlmShardFile"/>). The design and
/// contrast are checked here already (they need no data), so a bad request fails in every shard at once.
/// </summary>
public static class GlmShardJob
{
    /// <summary>Reads, smooths and accumulates this shard's maps and writes PARTS/shard-K-of-N.glmstats (the request's output folder is PARTS).</summary>
    /// <param name="request">The same request every shard of the run is given.</param>
    /// <param name="shard">Which shard to compute.</param>
    /// <param name="log">Progress and timing lines (null: none).</param>
    /// <exception cref="AriException">A bad input, more shards than maps, or an output folder that cannot be made.</exception>
    public static GlmShardResult Run(GlmRequest request, ShardSpec shard, Action<string>? log = null)
    {
        var total = Stopwatch.StartNew();
        var (maps, table, interceptAdded, pairing) = GlmJob.ResolveInputs(request, log);
        var design = table?.Design ?? DesignMatrix.Intercept(maps.Count);
        var ols = SecondLevelModel.PrepareDesign(design);
        SecondLevelModel.CheckContrast(request.Contrast is null ? Contrast.Default(design) : Contrast.Parse(request.Contrast, design), ols);
        if (shard.Count > maps.Count)
            throw AriException.For("shard", $"{shard.Count} shards for {maps.Count} maps; use at most {maps.Count} shards");
        var (first, rows) = shard.Range(maps.Count);

        string parts = Path.GetFullPath(request.OutputDirectory);
        if (File.Exists(parts)) throw new AriException($"{request.OutputDirectory}: is a file, not a folder");
        string? parent = Path.GetDirectoryName(parts);
        if (parent is not null && !Directory.Exists(parent))
            throw new AriException($"{request.OutputDirectory}: its parent folder {parent} does not exist");
        Directory.CreateDirectory(parts);

        var shardMaps = maps.Skip(first).Take(rows).ToArray();
        var source = MapSource.FromFiles(shardMaps);
        var fingerprints = Task.Run(() => FileFingerprint.Of(shardMaps));
        log?.Invoke($"Shard {shard}: maps {first + 1}..{first + rows} of {maps.Count} on {source.Grid.ShapeText}");
        var model = new SecondLevelModel { SmoothingFwhm = request.SmoothingFwhm, Log = log };
        var (statistics, seconds) = model.Accumulate(source, ols, first);
        seconds["total"] = total.Elapsed.TotalSeconds;

        var header = new GlmShardHeader(
            Run: GlmRunId.Compute(shard.Count, maps, design, request.Contrast, request.SmoothingFwhm, request.MaskPath, request.ImageType),
            Shard: shard.Index, Shards: shard.Count, FirstRow: first, Rows: rows,
            Command: request.Command, Contrast: request.Contrast, SmoothingFwhm: request.SmoothingFwhm,
            MaskPath: request.MaskPath is null ? null : Path.GetFullPath(request.MaskPath),
            DesignSource: table?.Path, InterceptAdded: interceptAdded,
            Design: design, Maps: maps, Inputs: fingerprints.GetAwaiter().GetResult(), Grid: source.Grid,
            Columns: statistics.Columns, BasisRank: statistics.BasisRank, Seconds: seconds, Pairing: pairing,
            ImageType: request.ImageType);
        string path = Path.Combine(parts, GlmShardFile.FileName(shard.Index, shard.Count));
        GlmShardFile.Write(path, header, statistics);
        log?.Invoke($"Wrote {path} (run {header.Run}) in {total.Elapsed.TotalSeconds:0.000} s");
        return new GlmShardResult(path, header.Run, shard, first, rows, maps.Count, seconds);
    }
}
