using System.Text.Json;
using Ari.IO;
using Ari.Masking;
using Ari.Nifti;
using Ari.Permutation;

namespace Ari.Pipelines.Permute;

/// <summary>
/// The output folder of `ari permute` (and of `ari permute combine`): the maps of <see cref="PermutationResult"/>
/// as NIfTI (float64, 0 outside the mask; nilearn's names: t, logp_max_t, size, mass, logp_max_size,
/// logp_max_mass, tfce, logp_max_tfce), mask.nii.gz, null_maxima.tsv and permute.json. Writes and reads it.
/// </summary>
public sealed class PermuteFolder
{
    /// <summary>The run's summary: the run object, provenance, the maps written, the observed maxima.</summary>
    public const string SummaryFile = "permute.json";

    private PermuteFolder(string directory, PermuteSettings settings, NullMaxima maxima)
    {
        Directory = directory;
        Settings = settings;
        Maxima = maxima;
    }

    /// <summary>The folder read.</summary>
    public string Directory { get; }
    /// <summary>What permute.json records of the run (read back from what <see cref="Write"/> wrote).</summary>
    public PermuteSettings Settings { get; }
    /// <summary>null_maxima.tsv: the maxima of every permutation, identity (the observed maxima) first.</summary>
    public NullMaxima Maxima { get; }

    /// <summary>The NIfTI file name of a map: the nilearn name plus ".nii.gz".</summary>
    /// <param name="map">A name from <see cref="PermutationResult.MapOrder"/>.</param>
    public static string ImageFile(string map) => map + ".nii.gz";

    /// <summary>The maps present in the folder, in <see cref="PermutationResult.MapOrder"/>.</summary>
    public IEnumerable<string> Maps => PermutationResult.MapOrder.Where(m => File.Exists(Path.Combine(Directory, ImageFile(m))));

    /// <summary>Reads one map of the folder (t, or -log10 p such as logp_max_t) as a volume (0 outside the mask).</summary>
    /// <param name="map">A name from <see cref="Maps"/>.</param>
    public Volume<double> ReadMap(string map) => NiftiFile.Read(Path.Combine(Directory, ImageFile(map)));

    /// <summary>Observed maxima (the identity row of the table).</summary>
    public double ObservedMaxT => Maxima.MaxT[0];

    /// <summary>Writes the maps, mask.nii.gz, null_maxima.tsv and permute.json into <paramref name="outputs"/> (committed by the caller).</summary>
    /// <param name="outputs">The all-or-nothing output set.</param>
    /// <param name="result">The maps and the null maxima.</param>
    /// <param name="mask">The mask the maps are over (mask order).</param>
    /// <param name="run">The run object (what determines the numbers).</param>
    /// <param name="provenance">Command, input paths, shards, timings.</param>
    public static void Write(OutputSet outputs, PermutationResult result, Mask mask, PermuteRun run, PermuteProvenance provenance)
    {
        var maps = PermutationResult.MapOrder.Where(result.Maps.ContainsKey).ToArray();
        var encoded = new byte[maps.Length + 1][];
        Parallel.For(0, maps.Length + 1, i =>
        {
            encoded[i] = i < maps.Length
                ? Encode(mask.Grid, mask.Unmask(result.Maps[maps[i]]).Data, maps[i])
                : Encode(mask.Grid, mask.ToVolume().Data, "mask");
        });
        for (int i = 0; i < maps.Length; i++) outputs.WriteAllBytes(ImageFile(maps[i]), encoded[i]);
        outputs.WriteAllBytes("mask.nii.gz", encoded[^1]);
        outputs.WriteAllText(NullMaximaTable.FileName, NullMaximaTable.Write(result.Maxima));
        outputs.WriteAllBytes(SummaryFile, SummaryJson(run, provenance, maps, result));
    }

    /// <summary>Opens an `ari permute` output folder: parses permute.json and reads null_maxima.tsv (images are read on demand).</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="option">The command-line option named in errors.</param>
    public static PermuteFolder Read(string directory, string option = "--permute")
    {
        string summary = Path.Combine(directory, SummaryFile);
        if (!File.Exists(summary)) throw new AriException($"{option}: {directory}: not an `ari permute` output folder (no {SummaryFile})");
        PermuteSettings settings;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(summary));
            settings = PermuteSettings.From(json.RootElement);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new AriException($"{option}: {summary}: not a permute.json of `ari permute`: {e.Message}", e);
        }
        var maxima = NullMaximaTable.Read(Path.Combine(directory, NullMaximaTable.FileName));
        return new PermuteFolder(directory, settings, maxima);
    }

    internal static byte[] Encode<T>(ImageGrid grid, T[] data, string descrip) where T : unmanaged, System.Numerics.INumberBase<T>
    {
        using var stream = new MemoryStream();
        NiftiWriter.WriteTo(stream, gzip: true, grid, [data], new NiftiWriteOptions { Descrip = descrip });
        return stream.ToArray();
    }

    private static byte[] SummaryJson(PermuteRun run, PermuteProvenance provenance, string[] maps, PermutationResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("ari_version", AriVersion.Current);
            json.WriteString("command", provenance.Command);
            FileFingerprint.WriteJsonArray(json, "inputs", provenance.Inputs);
            json.WritePropertyName("run");
            json.WriteRawValue(run.Json);
            json.WriteString("fingerprint", run.Fingerprint);
            json.WriteStartObject("observed");
            json.WriteNumber("max_t", result.Maxima.MaxT[0]);
            if (result.Maxima.MaxSize is not null) { json.WriteNumber("max_size", result.Maxima.MaxSize[0]); json.WriteNumber("max_mass", result.Maxima.MaxMass![0]); }
            if (result.Maxima.MaxTfce is not null) json.WriteNumber("max_tfce", result.Maxima.MaxTfce[0]);
            json.WriteEndObject();
            json.WriteStartObject("shards");
            json.WriteNumber("count", provenance.Shards.Count);
            json.WriteStartArray("folders");
            foreach (string folder in provenance.Shards) json.WriteStringValue(folder);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("outputs");
            foreach (string map in maps) json.WriteString(map, ImageFile(map));
            json.WriteString("mask", "mask.nii.gz");
            json.WriteString("null_maxima", NullMaximaTable.FileName);
            json.WriteEndObject();
            json.WriteSeconds(provenance.Seconds);
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}

/// <summary>Provenance of a permute output: command, inputs with paths, shard folders (empty for a single run), seconds per step.</summary>
public sealed record PermuteProvenance(string Command, IReadOnlyList<FileFingerprint> Inputs, IReadOnlyList<string> Shards, IReadOnlyList<(string Step, double Seconds)> Seconds);
