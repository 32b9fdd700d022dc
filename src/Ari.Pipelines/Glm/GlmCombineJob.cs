using System.Diagnostics;
using Ari.Glm;
using Ari.IO;
using Ari.Sharding;

namespace Ari.Pipelines.Glm;

/// <summary>
/// `ari glm combine PARTS... --out DIR`: merges the shard files of one sharded run (TSQR merge of the OLS
/// sufficient statistics, in shard order) and writes exactly the outputs `ari glm` writes. Refuses an incomplete
/// set (naming the missing shards), shards of different runs, and a shard given twice.
/// </summary>
public static class GlmCombineJob
{
    /// <summary>Merges the shards of one run and writes `ari glm`'s outputs (all or nothing).</summary>
    /// <param name="parts">Shard files, or folders whose shard-K-of-N.glmstats files are taken.</param>
    /// <param name="outputDirectory">Where the outputs go (created if missing).</param>
    /// <param name="command">The command line, recorded in glm.json.</param>
    /// <param name="log">Progress and timing lines (null: none).</param>
    /// <exception cref="AriException">No shard files, a missing or duplicated shard, shards of different runs, or an unreadable shard file.</exception>
    public static GlmResult Run(IReadOnlyList<string> parts, string outputDirectory, string command, Action<string>? log = null)
    {
        var total = Stopwatch.StartNew();
        var files = FindShardFiles(parts);
        var headers = files.Select(GlmShardFile.ReadHeader).ToArray();
        var ordered = CheckComplete(files, headers);
        var first = ordered[0].Header;
        log?.Invoke($"Combining {first.Shards} shard{(first.Shards == 1 ? "" : "s")} of run {first.Run}: {first.Design.RowCount} maps on {first.Grid.ShapeText}");

        using var outputs = new OutputSet(outputDirectory);
        var mergeWatch = Stopwatch.StartNew();
        OlsStatistics? merged = null;
        var seconds = new Dictionary<string, double> { ["read"] = 0, ["smooth"] = 0, ["fit"] = 0 };
        foreach (var (path, header) in ordered)
        {
            var (_, statistics) = GlmShardFile.Read(path);
            if (merged is null) merged = statistics;
            else merged.Merge(statistics);
            foreach (string step in new[] { "read", "smooth", "fit" })
                seconds[step] += header.Seconds.GetValueOrDefault(step);
        }
        seconds["merge"] = mergeWatch.Elapsed.TotalSeconds;

        var model = new SecondLevelModel { SmoothingFwhm = first.SmoothingFwhm, MaskPath = first.MaskPath, Log = log };
        model.FitStatistics(merged!, SecondLevelModel.PrepareDesign(first.Design), first.Grid, first.Maps, seconds);
        var contrastWatch = Stopwatch.StartNew();
        var maps = model.ComputeContrast(first.Contrast);
        seconds["contrast"] = contrastWatch.Elapsed.TotalSeconds;

        var writeWatch = Stopwatch.StartNew();
        var inputs = ordered.SelectMany(s => s.Header.Inputs).ToArray();
        var provenance = new GlmProvenance(command, inputs, first.DesignSource, first.SmoothingFwhm, model.MaskSource, seconds,
            model.MaskResampling, first.Pairing);
        var cohensD = CohensD.OneSample(model.Design, maps);
        GlmOutputWriter.WriteImages(outputs, maps, model.Grid, cohensD, first.ImageType);
        seconds["write"] = writeWatch.Elapsed.TotalSeconds;
        seconds["total"] = total.Elapsed.TotalSeconds;
        GlmOutputWriter.WriteDesignAndSummary(outputs, model, maps, provenance);
        outputs.Commit();
        log?.Invoke($"Wrote {outputs.Directory} in {seconds["write"]:0.000} s (total {seconds["total"]:0.000} s)");
        return new GlmResult(model, maps, outputs.Directory, seconds, first.InterceptAdded);
    }

    /// <summary>
    /// Shard files among the parts: a part is a shard file, or a folder whose shard-K-of-N.glmstats files are taken
    /// (a folder without one, such as a killed shard's, adds none: the missing shard is then named by number).
    /// </summary>
    internal static IReadOnlyList<string> FindShardFiles(IReadOnlyList<string> parts)
    {
        if (parts.Count == 0) throw new AriException("parts: give the shard files or the folders that hold them");
        var files = new List<string>();
        foreach (string part in parts)
        {
            if (Directory.Exists(part))
            {
                var found = Directory.EnumerateFiles(part, "shard-*" + GlmShardHeader.Extension)
                    .Where(f => ShardSpec.TryParseFileName(Path.GetFileName(f), out _))
                    .Order(StringComparer.Ordinal).ToList();
                files.AddRange(found);
            }
            else if (File.Exists(part)) files.Add(part);
            else throw new AriException($"{part}: no such file or folder");
        }
        if (files.Count == 0)
            throw new AriException($"{string.Join(", ", parts)}: no GLM shard files (shard-K-of-N{GlmShardHeader.Extension}, written by `ari glm --shard K/N`)");
        return files.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The shards in index order, after checking they are one run's, each once, all present and consistent.</summary>
    internal static IReadOnlyList<(string Path, GlmShardHeader Header)> CheckComplete(IReadOnlyList<string> files, IReadOnlyList<GlmShardHeader> headers)
    {
        var first = headers[0];
        for (int i = 1; i < headers.Count; i++)
            if (headers[i].Run != first.Run)
                throw new AriException($"{files[i]}: belongs to another run (run {headers[i].Run}, {headers[i].Shards} shards, {headers[i].Design.RowCount} maps) " +
                    $"than {files[0]} (run {first.Run}, {first.Shards} shards, {first.Design.RowCount} maps); combine the shards of one run");
        var byIndex = new SortedDictionary<int, (string Path, GlmShardHeader Header)>();
        for (int i = 0; i < headers.Count; i++)
        {
            if (byIndex.TryGetValue(headers[i].Shard, out var other))
                throw new AriException($"{files[i]}: shard {headers[i].Shard} of {first.Shards} is given twice (also {other.Path})");
            byIndex[headers[i].Shard] = (files[i], headers[i]);
        }
        var missing = Enumerable.Range(1, first.Shards).Where(k => !byIndex.ContainsKey(k)).ToArray();
        if (missing.Length > 0)
            throw new AriException($"shard{(missing.Length == 1 ? "" : "s")} {string.Join(", ", missing)} of {first.Shards} (run {first.Run}) " +
                $"{(missing.Length == 1 ? "is" : "are")} missing; run {(missing.Length == 1 ? "it" : "them")} (ari glm ... --shard K/{first.Shards}) before combining");
        foreach (var (path, header) in byIndex.Values)
        {
            var (start, rows) = new ShardSpec(header.Shard, header.Shards).Range(first.Design.RowCount);
            if (header.FirstRow != start || header.Rows != rows)
                throw new AriException($"{path}: holds rows {header.FirstRow + 1}..{header.FirstRow + header.Rows}, shard {header.Shard} of {header.Shards} should hold {start + 1}..{start + rows}");
            if (!header.Grid.Matches(first.Grid))
                throw new AriException($"{path}: its maps' grid ({header.Grid.ShapeText}, {header.Grid.Affine}) differs from {byIndex.Values.First().Path}'s ({first.Grid.ShapeText}, {first.Grid.Affine})");
            if (header.Columns != first.Columns || header.BasisRank != first.BasisRank)
                throw new AriException($"{path}: its statistics do not have the shape of the other shards'");
        }
        return byIndex.Values.ToArray();
    }
}
