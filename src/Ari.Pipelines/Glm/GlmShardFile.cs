using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Ari.Glm;
using Ari.IO;
using Ari.Nifti;

namespace Ari.Pipelines.Glm;

/// <summary>
/// The file one shard of `ari glm --shard K/N` writes, <c>shard-K-of-N.glmstats</c>, and reads back for
/// `ari glm combine`: "ARIGLMSH", the header's length (int32 LE) and the header (<see cref="GlmShardHeader"/>,
/// UTF-8 JSON), then float64 LE arrays: the triangle (k x k), β (p x voxels), the rotated projections
/// (k x voxels), the residual sums of squares and the sums of the raw maps (voxels each), then "ARIGLMEN".
/// Written under a temporary name and renamed when complete: a shard killed midway leaves no shard file.
/// Its length is checked against the header before anything is allocated.
/// </summary>
internal static class GlmShardFile
{
    private static readonly byte[] Magic = "ARIGLMSH"u8.ToArray();
    private static readonly byte[] Trailer = "ARIGLMEN"u8.ToArray();
    private const int MaxHeaderBytes = 256 << 20;

    /// <summary>Fault injection for tests of atomicity: the shard whose index this variable holds kills itself halfway through writing.</summary>
    public const string KillVariable = "ARI_FAULT_KILL_SHARD";

    /// <summary>The shard file's name: "shard-K-of-N.glmstats" for shard <paramref name="shard"/> (1-based) of <paramref name="shards"/>.</summary>
    public static string FileName(int shard, int shards) => Ari.Sharding.ShardSpec.FileStemFor(shard, shards) + GlmShardHeader.Extension;

    internal static void Write(string path, GlmShardHeader header, OlsStatistics statistics)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("shard files are written on little-endian machines");
        var headerBytes = HeaderJson(header);
        bool kill = Environment.GetEnvironmentVariable(KillVariable) == header.Shard.ToString(CultureInfo.InvariantCulture);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(Magic);
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(length, headerBytes.Length);
            stream.Write(length);
            stream.Write(headerBytes);
            WriteDoubles(stream, Flat(statistics.Triangle));
            for (int c = 0; c < statistics.Beta.Length; c++)
            {
                WriteDoubles(stream, statistics.Beta[c]);
                if (kill && c == 0)
                {
                    stream.Flush();
                    Console.Error.WriteLine($"{KillVariable}: killing shard {header.Shard} midway through writing {path}");
                    System.Diagnostics.Process.GetCurrentProcess().Kill();
                }
            }
            foreach (var rotated in statistics.Rotated) WriteDoubles(stream, rotated);
            WriteDoubles(stream, statistics.Rss);
            WriteDoubles(stream, statistics.Sum);
            stream.Write(Trailer);
        });
    }

    /// <summary>The header alone (cheap: the arrays are not read); the file's length is checked.</summary>
    public static GlmShardHeader ReadHeader(string path)
    {
        using var stream = Open(path);
        return ReadHeader(path, stream);
    }

    /// <summary>The header and the statistics.</summary>
    internal static (GlmShardHeader Header, OlsStatistics Statistics) Read(string path)
    {
        using var stream = Open(path);
        var header = ReadHeader(path, stream);
        var statistics = new OlsStatistics(header.Columns, header.BasisRank, header.Voxels, header.Rows);
        ReadDoubles(path, stream, Flat(statistics.Triangle));
        foreach (var beta in statistics.Beta) ReadDoubles(path, stream, beta);
        foreach (var rotated in statistics.Rotated) ReadDoubles(path, stream, rotated);
        ReadDoubles(path, stream, statistics.Rss);
        ReadDoubles(path, stream, statistics.Sum);
        Span<byte> trailer = stackalloc byte[8];
        stream.ReadExactly(trailer);
        if (!trailer.SequenceEqual(Trailer)) throw new AriException($"{path}: the shard file is damaged (no end marker)");
        return (header, statistics);
    }

    private static FileStream Open(string path)
    {
        try { return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new AriException($"{path}: cannot read: {e.Message}", e); }
    }

    private static GlmShardHeader ReadHeader(string path, FileStream stream)
    {
        Span<byte> start = stackalloc byte[12];
        if (stream.Length < 12 + 8 || stream.Read(start) != 12 || !start[..8].SequenceEqual(Magic))
            throw new AriException($"{path}: not a GLM shard file of Ari (written by `ari glm --shard K/N`)");
        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(start[8..]);
        if (headerLength <= 0 || headerLength > MaxHeaderBytes || 12L + headerLength > stream.Length)
            throw new AriException($"{path}: the shard file is damaged (header length {headerLength})");
        var bytes = new byte[headerLength];
        stream.ReadExactly(bytes);
        GlmShardHeader header;
        try { header = ParseHeader(bytes); }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        { throw new AriException($"{path}: the shard file's header is damaged: {e.Message}", e); }
        long expected = 12L + headerLength + 8L * ((long)header.BasisRank * header.BasisRank
            + (long)(header.Columns + header.BasisRank + 2) * header.Voxels) + 8;
        if (stream.Length != expected)
            throw new AriException($"{path}: the shard file is {(stream.Length < expected ? "truncated" : "longer than its header says")} ({stream.Length} bytes, expected {expected})");
        return header;
    }

    private static Span<double> Flat(double[,] matrix) =>
        MemoryMarshal.CreateSpan(ref System.Runtime.CompilerServices.Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(matrix)), matrix.Length);

    private static void WriteDoubles(Stream stream, ReadOnlySpan<double> values) => stream.Write(MemoryMarshal.AsBytes(values));

    private static void ReadDoubles(string path, Stream stream, Span<double> values)
    {
        try { stream.ReadExactly(MemoryMarshal.AsBytes(values)); }
        catch (EndOfStreamException e) { throw new AriException($"{path}: the shard file is truncated", e); }
    }

    private static byte[] HeaderJson(GlmShardHeader h)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("format", GlmShardHeader.Format);
            json.WriteString("ari_version", AriVersion.Current);
            json.WriteString("run", h.Run);
            json.WriteNumber("shard", h.Shard);
            json.WriteNumber("shards", h.Shards);
            json.WriteNumber("first_row", h.FirstRow);
            json.WriteNumber("rows", h.Rows);
            json.WriteString("command", h.Command);
            json.WriteStringOrNull("contrast", h.Contrast);
            json.WriteNumberOrNull("smoothing_fwhm_mm", h.SmoothingFwhm);
            json.WriteStringOrNull("mask", h.MaskPath);
            json.WriteStringOrNull("design_source", h.DesignSource);
            json.WriteBoolean("intercept_added", h.InterceptAdded);
            json.WriteStringOrNull("pairing", h.Pairing);
            json.WriteString("image_type", h.ImageType == NiftiDataType.Float32 ? "float32" : "float64");
            json.WriteStartArray("columns");
            foreach (string c in h.Design.Columns) json.WriteStringValue(c);
            json.WriteEndArray();
            json.WriteStartArray("design");
            for (int r = 0; r < h.Design.RowCount; r++)
            {
                json.WriteStartArray();
                for (int c = 0; c < h.Design.ColumnCount; c++) json.WriteNumberValue(h.Design[r, c]);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteStartArray("maps");
            foreach (string m in h.Maps) json.WriteStringValue(m);
            json.WriteEndArray();
            FileFingerprint.WriteJsonArray(json, "inputs", h.Inputs);
            json.WriteStartObject("grid");
            GridJson.WriteShapeAndAffine(json, h.Grid);
            json.WriteEndObject();
            json.WriteNumber("columns_p", h.Columns);
            json.WriteNumber("basis_rank", h.BasisRank);
            json.WriteSeconds(h.Seconds.Select(p => (p.Key, p.Value)));
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static GlmShardHeader ParseHeader(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        if (root.GetProperty("format").GetString() != GlmShardHeader.Format)
            throw new FormatException($"format {root.GetProperty("format")} is not {GlmShardHeader.Format}");
        var columns = root.GetProperty("columns").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var rows = root.GetProperty("design").EnumerateArray().ToArray();
        var design = new double[rows.Length, columns.Length];
        for (int r = 0; r < rows.Length; r++)
        {
            int c = 0;
            foreach (var value in rows[r].EnumerateArray()) design[r, c++] = value.GetDouble();
        }
        var shape = root.GetProperty("grid").GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var affine = root.GetProperty("grid").GetProperty("affine").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var grid = new ImageGrid(shape[0], shape[1], shape[2], Affine.FromRows(affine));
        var header = new GlmShardHeader(
            Run: root.GetProperty("run").GetString()!,
            Shard: root.GetProperty("shard").GetInt32(),
            Shards: root.GetProperty("shards").GetInt32(),
            FirstRow: root.GetProperty("first_row").GetInt32(),
            Rows: root.GetProperty("rows").GetInt32(),
            Command: root.GetProperty("command").GetString()!,
            Contrast: root.GetProperty("contrast").GetString(),
            SmoothingFwhm: root.GetProperty("smoothing_fwhm_mm").ValueKind == JsonValueKind.Null ? null : root.GetProperty("smoothing_fwhm_mm").GetDouble(),
            MaskPath: root.GetProperty("mask").GetString(),
            DesignSource: root.GetProperty("design_source").GetString(),
            InterceptAdded: root.GetProperty("intercept_added").GetBoolean(),
            Design: new DesignMatrix(columns, design),
            Maps: root.GetProperty("maps").EnumerateArray().Select(e => e.GetString()!).ToArray(),
            Inputs: root.GetProperty("inputs").EnumerateArray().Select(e => new FileFingerprint(
                e.GetProperty("path").GetString()!, e.GetProperty("bytes").GetInt64(), e.GetProperty("sha256").GetString()!)).ToArray(),
            Grid: grid,
            Columns: root.GetProperty("columns_p").GetInt32(),
            BasisRank: root.GetProperty("basis_rank").GetInt32(),
            Seconds: root.GetProperty("seconds").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble()),
            Pairing: root.TryGetProperty("pairing", out var pairing) ? pairing.GetString() : null,
            ImageType: root.TryGetProperty("image_type", out var type) && type.GetString() == "float32" ? NiftiDataType.Float32 : NiftiDataType.Float64);
        if (header.Shards < 1 || header.Shard < 1 || header.Shard > header.Shards || header.Rows < 0 || header.FirstRow < 0
            || header.FirstRow + header.Rows > header.Design.RowCount || header.Maps.Count != header.Design.RowCount
            || header.Columns != header.Design.ColumnCount || header.BasisRank < 0 || header.BasisRank > header.Columns
            || shape.Any(n => n < 1) || (long)shape[0] * shape[1] * shape[2] > int.MaxValue)
            throw new FormatException("inconsistent sizes");
        return header;
    }

}
