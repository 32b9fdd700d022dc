using Ari.Inference;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ari.Inference.Calibration;
using Ari.IO;

namespace Ari.Pipelines.Calibration;

/// <summary>
/// A calibrated critical vector as files: <c>template.tsv</c> (columns <c>k</c>, <c>threshold</c>: t_1..t_K) and
/// <c>template.json</c> beside it (method, family, lambda, alpha, B, k_max, sidedness, seeds, m, ...). This one type
/// writes both and reads them back, refusing a table that is not a valid critical vector (k not 1..K, a threshold
/// outside [0, 1] or decreasing, a JSON that disagrees) with an error naming the file.
/// </summary>
/// <param name="Method">"simes" (calibrated Simes, sanssouci), "pari" or "notip".</param>
/// <param name="Family">"simes" or "beta"; null for a learned (Notip) template.</param>
/// <param name="Lambda">The calibrated parameter (see <see cref="CalibratedTemplate.Lambda"/>).</param>
/// <param name="Alpha">The level the vector was calibrated for.</param>
/// <param name="Permutations">B.</param>
/// <param name="KMax">K.</param>
/// <param name="Sidedness">"one-sided" or "two-sided".</param>
/// <param name="Seeds">The seeds of the sign flips (inference, then training), empty when the flips came from a table.</param>
/// <param name="Hypotheses">m: the number of voxels the vector is for.</param>
/// <param name="TrainingPermutations">Notip: B of the training permutations.</param>
/// <param name="TemplateIndex">Notip: the learned template chosen.</param>
/// <param name="FellBackToSimes">Notip: no learned template controlled the JER; calibrated Simes was used.</param>
/// <param name="Thresholds">t_1..t_K.</param>
public sealed record TdpTemplate(
    string Method,
    string? Family,
    double Lambda,
    double Alpha,
    int Permutations,
    int KMax,
    string Sidedness,
    IReadOnlyList<ulong> Seeds,
    int Hypotheses,
    int? TrainingPermutations,
    int? TemplateIndex,
    bool FellBackToSimes,
    double[] Thresholds)
{
    /// <summary>The critical vector's table: columns k and threshold, one row per k = 1..K.</summary>
    public const string TsvName = "template.tsv";
    /// <summary>The calibration's parameters, written beside <see cref="TsvName"/>.</summary>
    public const string JsonName = "template.json";

    /// <summary>The files' record of a calibration.</summary>
    public static TdpTemplate From(CalibratedTemplate template, Sidedness sidedness, IReadOnlyList<ulong> seeds, int? trainingPermutations = null) =>
        new(template.Method switch { CalibrationMethod.Simes => "simes", CalibrationMethod.Pari => "pari", _ => "notip" },
            template.Family switch { TemplateFamily.Simes => "simes", TemplateFamily.Beta => "beta", _ => null },
            template.Lambda, template.Alpha, template.Permutations, template.KMax, SidednessName(sidedness), seeds,
            template.Hypotheses, trainingPermutations, template.TemplateIndex, template.FellBackToSimes, template.Thresholds);

    /// <summary>The JSON spelling of a sidedness: "one-sided" or "two-sided".</summary>
    /// <param name="sidedness">Whether the p-values were one- or two-sided.</param>
    public static string SidednessName(Sidedness sidedness) => sidedness == Inference.Calibration.Sidedness.TwoSided ? "two-sided" : "one-sided";

    /// <summary>Writes template.tsv and template.json into the output set.</summary>
    public void Write(OutputSet outputs, string ariVersion, string command)
    {
        outputs.Write(TsvName, WriteTsv);
        outputs.Write(JsonName, stream => WriteJson(stream, ariVersion, command));
    }

    /// <summary>Writes template.tsv (k, threshold; thresholds in round-trip form) to <paramref name="stream"/>.</summary>
    /// <param name="stream">The destination (UTF-8, no BOM, \n line ends).</param>
    public void WriteTsv(Stream stream)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" };
        w.WriteLine("k\tthreshold");
        for (int k = 0; k < Thresholds.Length; k++)
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{k + 1}\t{Thresholds[k]:R}"));
    }

    /// <summary>Writes template.json (method, family, lambda, alpha, B, k_max, sidedness, seeds, m, B_train, template_index, fell_back_to_simes) to <paramref name="stream"/>.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="ariVersion">The Ari version recorded in the file.</param>
    /// <param name="command">The command line recorded in the file.</param>
    public void WriteJson(Stream stream, string ariVersion, string command)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("ari_version", ariVersion);
        json.WriteString("command", command);
        json.WriteString("method", Method);
        json.WriteStringOrNull("family", Family);
        json.WriteNumber("lambda", Lambda);
        json.WriteNumber("alpha", Alpha);
        json.WriteNumber("B", Permutations);
        json.WriteNumber("k_max", KMax);
        json.WriteString("sidedness", Sidedness);
        json.WriteStartArray("seeds");
        foreach (ulong s in Seeds) json.WriteNumberValue(s);
        json.WriteEndArray();
        json.WriteNumber("m", Hypotheses);
        json.WriteNumberOrNull("B_train", TrainingPermutations);
        json.WriteNumberOrNull("template_index", TemplateIndex);
        json.WriteBoolean("fell_back_to_simes", FellBackToSimes);
        json.WriteEndObject();
    }

    /// <summary>
    /// Reads template.tsv (any name) and the template.json beside it. <paramref name="parameter"/> names the option the
    /// path came from in errors.
    /// </summary>
    public static TdpTemplate Read(string tsvPath, string parameter = "template")
    {
        if (!File.Exists(tsvPath)) throw AriException.For(parameter, $"{tsvPath}: no such file");
        string jsonPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(tsvPath))!, JsonName);
        if (!File.Exists(jsonPath)) throw AriException.For(parameter, $"{tsvPath}: {JsonName} is missing beside it (it records m, alpha and how the vector was made)");
        var thresholds = ReadThresholds(tsvPath, parameter);
        TdpTemplate info;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(jsonPath));
            var root = doc.RootElement;
            info = new TdpTemplate(
                root.GetProperty("method").GetString() ?? throw new FormatException("method is null"),
                root.GetProperty("family").ValueKind == JsonValueKind.Null ? null : root.GetProperty("family").GetString(),
                root.GetProperty("lambda").GetDouble(),
                root.GetProperty("alpha").GetDouble(),
                root.GetProperty("B").GetInt32(),
                root.GetProperty("k_max").GetInt32(),
                root.GetProperty("sidedness").GetString() ?? throw new FormatException("sidedness is null"),
                root.GetProperty("seeds").EnumerateArray().Select(e => e.GetUInt64()).ToArray(),
                root.GetProperty("m").GetInt32(),
                root.TryGetProperty("B_train", out var bt) && bt.ValueKind == JsonValueKind.Number ? bt.GetInt32() : null,
                root.TryGetProperty("template_index", out var ti) && ti.ValueKind == JsonValueKind.Number ? ti.GetInt32() : null,
                root.TryGetProperty("fell_back_to_simes", out var fb) && fb.ValueKind == JsonValueKind.True,
                thresholds);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw AriException.For(parameter, $"{jsonPath}: not a template description: {e.Message}", e);
        }
        if (info.KMax != thresholds.Length)
            throw AriException.For(parameter, $"{tsvPath}: has {thresholds.Length} thresholds but {jsonPath} says k_max = {info.KMax}");
        if (!(info.Alpha > 0 && info.Alpha < 1))
            throw AriException.For(parameter, $"{jsonPath}: alpha {info.Alpha} is not in (0, 1)");
        if (info.Hypotheses < 1 || info.KMax > info.Hypotheses)
            throw AriException.For(parameter, $"{jsonPath}: m = {info.Hypotheses} is not at least k_max = {info.KMax}");
        return info;
    }

    /// <summary>Refuses a template made for another number of voxels or another alpha.</summary>
    public void CheckFits(int hypotheses, double alpha, string path, string parameter = "template")
    {
        if (hypotheses != Hypotheses)
            throw AriException.For(parameter, $"{path}: made for {Hypotheses} voxels, but the mask has {hypotheses}");
        if (Math.Abs(alpha - Alpha) > 1e-12)
            throw AriException.For(parameter, $"{path}: calibrated for alpha = {Alpha.ToString(CultureInfo.InvariantCulture)}, not {alpha.ToString(CultureInfo.InvariantCulture)}");
    }

    private static double[] ReadThresholds(string path, string parameter)
    {
        var values = new List<double>();
        using var reader = new StreamReader(path);
        string? header = reader.ReadLine();
        if (header is null || header.TrimEnd('\r') != "k\tthreshold")
            throw AriException.For(parameter, $"{path}: the first line must be the header \"k<TAB>threshold\"");
        int line = 1;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            text = text.TrimEnd('\r');
            if (text.Length == 0) continue;
            var fields = text.Split('\t');
            if (fields.Length != 2
                || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int k)
                || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double t))
                throw AriException.For(parameter, $"{path}: line {line}: expected an integer k and a number, got \"{text}\"");
            if (k != values.Count + 1)
                throw AriException.For(parameter, $"{path}: line {line}: k must run 1, 2, 3, ... (expected {values.Count + 1}, got {k})");
            if (!(t >= 0 && t <= 1))
                throw AriException.For(parameter, $"{path}: line {line}: threshold {fields[1]} is outside [0, 1]");
            if (values.Count > 0 && t < values[^1])
                throw AriException.For(parameter, $"{path}: line {line}: thresholds must be non-decreasing ({fields[1]} after {values[^1].ToString("R", CultureInfo.InvariantCulture)})");
            values.Add(t);
        }
        if (values.Count == 0) throw AriException.For(parameter, $"{path}: no thresholds (k_max must be at least 1)");
        return values.ToArray();
    }

    /// <summary>
    /// The critical vector of a template.tsv for a family of <paramref name="hypotheses"/> p-values at level
    /// <paramref name="alpha"/>, refusing (naming <paramref name="parameter"/> and the file) a template made for
    /// another family, level or sidedness.
    /// </summary>
    public static CriticalVector LoadVector(string path, string parameter, int hypotheses, double alpha, bool twoSided)
    {
        var template = Read(path, parameter);
        template.CheckFits(hypotheses, alpha, path, parameter);
        string sidedness = twoSided ? "two-sided" : "one-sided";
        if (template.Sidedness != sidedness)
            throw AriException.For(parameter, $"{path}: calibrated on {template.Sidedness} p-values, but these are {sidedness}{(twoSided ? "" : " (add --two-sided)")}");
        return new CriticalVector(template.Thresholds, template.Alpha);
    }
}
