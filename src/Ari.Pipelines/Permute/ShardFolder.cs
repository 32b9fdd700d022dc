using System.Security.Cryptography;
using System.Text.Json;
using Ari.IO;
using Ari.Masking;
using Ari.Nifti;
using Ari.Permutation;

namespace Ari.Pipelines.Permute;

/// <summary>
/// One shard of a permutation run (`ari permute --shard K/N --out DIR`), written all at once (OutputSet) so a
/// killed array task leaves nothing half-written:
/// <list type="bullet">
/// <item><c>shard.json</c>: format "ari-permute-shard", version, K, N, the block [first, first + count) of the
/// sequence of total permutations, the run fingerprint and the run object (<see cref="PermuteRun"/>), the
/// SHA-256 of the two images, command, input paths, seconds;</item>
/// <item><c>null_maxima.tsv</c>: the block's per-permutation maxima (exact round-trip numbers);</item>
/// <item><c>t.nii.gz</c>, <c>mask.nii.gz</c>: the observed t (float64) and the mask, so that
/// `ari permute combine` needs neither the data nor the other shards' images;</item>
/// <item>with `--tdp-template`, <c>calibration.bin</c> (<see cref="Calibration.CalibrationShardFile"/>): the block's
/// pivotal statistics (and Notip's kept p-values), its SHA-256 in the manifest.</item>
/// </list>
/// Block K of N is [floor((K-1)·total/N), floor(K·total/N)): the sequence does not depend on N.
/// </summary>
public sealed class ShardFolder
{
    /// <summary>The "format" value of shard.json.</summary>
    public const string Format = "ari-permute-shard";
    /// <summary>The "version" of the shard.json layout this build writes and reads.</summary>
    public const int Version = 1;
    /// <summary>The shard's manifest file name.</summary>
    public const string ManifestFile = "shard.json";

    private ShardFolder(string directory, int index, int count, int first, int size, int total, PermuteRun run, string tSha, string maskSha,
        string command, IReadOnlyList<FileFingerprint> inputs, string? calibrationSha)
    {
        Directory = directory; Index = index; Of = count; First = first; Size = size; Total = total; Run = run; TSha256 = tSha; MaskSha256 = maskSha;
        Command = command; Inputs = inputs; CalibrationSha256 = calibrationSha;
    }

    /// <summary>The shard folder.</summary>
    public string Directory { get; }
    /// <summary>K: the shard's number, 1-based.</summary>
    public int Index { get; }
    /// <summary>N: the number of shards of the run.</summary>
    public int Of { get; }
    /// <summary>The index in the sequence of the block's first permutation (0 = the identity).</summary>
    public int First { get; }
    /// <summary>The number of permutations in the block.</summary>
    public int Size { get; }
    /// <summary>The number of permutations of the whole run, the identity included.</summary>
    public int Total { get; }
    /// <summary>The run object; its fingerprint must be the same in every shard combined.</summary>
    public PermuteRun Run { get; }
    /// <summary>The SHA-256 of t.nii.gz (checked on reading).</summary>
    public string TSha256 { get; }
    /// <summary>The SHA-256 of mask.nii.gz (checked on reading).</summary>
    public string MaskSha256 { get; }
    /// <summary>The command line that wrote the shard.</summary>
    public string Command { get; }
    /// <summary>The input maps (paths as this task saw them, sizes, SHA-256).</summary>
    public IReadOnlyList<FileFingerprint> Inputs { get; }

    /// <summary>The SHA-256 of calibration.bin (null when the run calibrates no TDP template).</summary>
    public string? CalibrationSha256 { get; }

    /// <summary>The block of shard <paramref name="index"/> (1-based) of <paramref name="count"/> in a sequence of <paramref name="total"/>.</summary>
    public static (int First, int Count) Block(int index, int count, int total)
    {
        int first = (int)((long)(index - 1) * total / count), end = (int)((long)index * total / count);
        return (first, end - first);
    }

    /// <summary>Writes shard.json, null_maxima.tsv, t.nii.gz, mask.nii.gz (and calibration.bin) into <paramref name="outputs"/>.</summary>
    /// <param name="outputs">The all-or-nothing output set (committed by the caller).</param>
    /// <param name="index">K, 1-based.</param>
    /// <param name="count">N.</param>
    /// <param name="total">Permutations of the whole run, the identity included.</param>
    /// <param name="maxima">The block's null maxima.</param>
    /// <param name="observedT">The observed t (mask order).</param>
    /// <param name="mask">The analysis mask.</param>
    /// <param name="run">The run object.</param>
    /// <param name="provenance">Command, inputs and timings.</param>
    /// <param name="calibration">The block's calibration pieces (calibration.bin), or null without `--tdp-template`.</param>
    public static void Write(OutputSet outputs, int index, int count, int total, NullMaxima maxima, double[] observedT, Mask mask,
        PermuteRun run, PermuteProvenance provenance, byte[]? calibration = null)
    {
        byte[] t = PermuteFolder.Encode(mask.Grid, mask.Unmask(observedT).Data, "t");
        byte[] maskBytes = PermuteFolder.Encode(mask.Grid, mask.ToVolume().Data, "mask");
        outputs.WriteAllBytes("t.nii.gz", t);
        outputs.WriteAllBytes("mask.nii.gz", maskBytes);
        outputs.WriteAllText(NullMaximaTable.FileName, NullMaximaTable.Write(maxima));
        if (calibration is not null) outputs.WriteAllBytes(Calibration.CalibrationShardFile.FileName, calibration);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("version", Version);
            json.WriteString("ari_version", AriVersion.Current);
            json.WriteNumber("shard", index);
            json.WriteNumber("of", count);
            json.WriteNumber("first", maxima.First);
            json.WriteNumber("count", maxima.Count);
            json.WriteNumber("total", total);
            json.WriteString("fingerprint", run.Fingerprint);
            json.WriteString("t_sha256", Convert.ToHexStringLower(SHA256.HashData(t)));
            json.WriteString("mask_sha256", Convert.ToHexStringLower(SHA256.HashData(maskBytes)));
            if (calibration is not null) json.WriteString("calibration_sha256", Convert.ToHexStringLower(SHA256.HashData(calibration)));
            json.WriteString("command", provenance.Command);
            FileFingerprint.WriteJsonArray(json, "inputs", provenance.Inputs);
            json.WritePropertyName("run");
            json.WriteRawValue(run.Json);
            json.WriteSeconds(provenance.Seconds);
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        outputs.WriteAllBytes(ManifestFile, buffer.ToArray());
    }

    /// <summary>Reads a shard's manifest; errors name the folder.</summary>
    public static ShardFolder Read(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) throw new AriException($"{directory}: no such folder");
        string manifest = Path.Combine(directory, ManifestFile);
        if (!File.Exists(manifest)) throw new AriException($"{directory}: not a shard folder of `ari permute --shard` (no {ManifestFile})");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(manifest));
            var root = doc.RootElement;
            if (root.GetProperty("format").GetString() != Format) throw new AriException($"{manifest}: not an Ari permutation shard");
            int version = root.GetProperty("version").GetInt32();
            if (version != Version) throw new AriException($"{manifest}: shard format version {version}; this Ari reads version {Version}");
            var run = PermuteRun.FromJson(System.Text.Encoding.UTF8.GetBytes(root.GetProperty("run").GetRawText()));
            string fingerprint = root.GetProperty("fingerprint").GetString()!;
            var rawRun = root.GetProperty("run").GetRawText();
            var inputs = root.GetProperty("inputs").EnumerateArray()
                .Select(i => new FileFingerprint(i.GetProperty("path").GetString()!, i.GetProperty("bytes").GetInt64(), i.GetProperty("sha256").GetString()!)).ToArray();
            var shard = new ShardFolder(directory, root.GetProperty("shard").GetInt32(), root.GetProperty("of").GetInt32(), root.GetProperty("first").GetInt32(),
                root.GetProperty("count").GetInt32(), root.GetProperty("total").GetInt32(), run, root.GetProperty("t_sha256").GetString()!,
                root.GetProperty("mask_sha256").GetString()!, root.GetProperty("command").GetString() ?? "", inputs,
                root.TryGetProperty("calibration_sha256", out var calibration) ? calibration.GetString() : null);
            if (run.Fingerprint != fingerprint) throw new AriException($"{manifest}: the run object does not match its fingerprint (the file was edited)");
            _ = rawRun;
            return shard;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new AriException($"{manifest}: not a valid shard manifest: {e.Message}", e);
        }
    }

    /// <summary>Reads the block's null_maxima.tsv.</summary>
    public NullMaxima ReadMaxima() => NullMaximaTable.Read(Path.Combine(Directory, NullMaximaTable.FileName));

    /// <summary>The observed t and the mask, checked against the manifest's hashes.</summary>
    public (double[] T, Mask Mask) ReadObserved()
    {
        byte[] tBytes = ReadChecked("t.nii.gz", TSha256);
        byte[] maskBytes = ReadChecked("mask.nii.gz", MaskSha256);
        var mask = Mask.FromVolume(NiftiFile.Read(Path.Combine(Directory, "mask.nii.gz")));
        var t = NiftiFile.Read(Path.Combine(Directory, "t.nii.gz"));
        _ = tBytes; _ = maskBytes;
        return (mask.Extract<double>(t.Data), mask);
    }

    /// <summary>The block's calibration pieces, checked against the manifest's hash.</summary>
    public Calibration.CalibrationPieces ReadCalibration(int hypotheses)
    {
        if (CalibrationSha256 is null) throw new AriException($"{Directory}: has no {Calibration.CalibrationShardFile.FileName} (its run calibrates no TDP template)");
        byte[] bytes = ReadChecked(Calibration.CalibrationShardFile.FileName, CalibrationSha256);
        return Calibration.CalibrationShardFile.Decode(bytes, Path.Combine(Directory, Calibration.CalibrationShardFile.FileName), Size, hypotheses);
    }

    private byte[] ReadChecked(string file, string sha)
    {
        string path = Path.Combine(Directory, file);
        if (!File.Exists(path)) throw new AriException($"{Directory}: {file} is missing");
        var bytes = File.ReadAllBytes(path);
        if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != sha) throw new AriException($"{path}: does not match the SHA-256 in {ManifestFile} (changed or damaged)");
        return bytes;
    }
}
