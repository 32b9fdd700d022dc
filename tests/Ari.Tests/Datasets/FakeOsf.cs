using System.Text;
using System.Text.Json;

namespace Ari.Tests.Datasets;

/// <summary>
/// A stand-in for osf.io on loopback holding Brainomics/Localizer-like files: the index at /hwbm2/download and
/// each file at /download/&lt;id&gt;/. Subjects' maps are small valid NIfTI images made in the test.
/// </summary>
public sealed class FakeOsf : IDisposable
{
    public const string LeftVsRight = "LeftAuditory&VisualClickVsRightAuditory&VisualClick";
    private readonly Dictionary<string, string> _index = new(StringComparer.Ordinal);

    /// <param name="subjects">How many subjects (S01, S02, ...).</param>
    /// <param name="participants">Whether to serve participants.tsv.</param>
    /// <param name="contrastMap">The bytes of a subject's contrast map (1-based); small made-up images by default.</param>
    public FakeOsf(int subjects = 16, bool participants = true, Func<int, byte[]>? contrastMap = null)
    {
        for (int s = 1; s <= subjects; s++)
        {
            string dir = $"/localizer/derivatives/spm_1st_level/sub-S{s:00}";
            Add($"{dir}/sub-S{s:00}_task-localizer_acq-{LeftVsRight}_cmaps.nii.gz", contrastMap?.Invoke(s) ?? TestImages.NiftiGz(s));
            Add($"{dir}/sub-S{s:00}_task-localizer_acq-{LeftVsRight}_tmaps.nii.gz", TestImages.NiftiGz(1000 + s));
            Add($"{dir}/sub-S{s:00}_mask.nii.gz", TestImages.NiftiGz(2000 + s));
        }
        if (participants)
            Add("/localizer/participants.tsv", Encoding.UTF8.GetBytes("participant_id\tage\n" +
                string.Concat(Enumerable.Range(1, subjects).Select(s => $"S{s:00}\t{20 + s}\n"))));
        ServeIndex(IndexJson());
    }

    public LoopbackHttpServer Server { get; } = new();
    public Uri Url => Server.BaseUrl;
    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ServedFile> Served { get; } = new(StringComparer.Ordinal);

    public static string CmapsPath(int subject) =>
        $"/localizer/derivatives/spm_1st_level/sub-S{subject:00}/sub-S{subject:00}_task-localizer_acq-{LeftVsRight}_cmaps.nii.gz";

    /// <summary>The index as JSON, with extra raw entries ("key": value) appended.</summary>
    public string IndexJson(params (string Key, string RawValue)[] extra)
    {
        var entries = _index.Select(e => $"{JsonSerializer.Serialize(e.Key, JsonContext.Default.String)}: \"/{e.Value}\"")
            .Concat(extra.Select(e => $"{JsonSerializer.Serialize(e.Key, JsonContext.Default.String)}: {e.RawValue}"));
        return "{" + string.Join(",\n", entries) + "}";
    }

    public ServedFile ServeIndex(string json) => Server.Serve("/hwbm2/download", Encoding.UTF8.GetBytes(json));

    public string FileId(string osfPath) => _index[osfPath];

    /// <summary>How the server answers a file, by its OSF path.</summary>
    public ServedFile Answer(string osfPath) => Served[osfPath];

    private void Add(string osfPath, byte[] body)
    {
        string id = $"{_index.Count + 1:x8}abc";
        _index[osfPath] = id;
        Files[osfPath] = body;
        Served[osfPath] = Server.Serve($"/download/{id}/", body);
    }

    public void Dispose() => Server.Dispose();
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class JsonContext : System.Text.Json.Serialization.JsonSerializerContext;
