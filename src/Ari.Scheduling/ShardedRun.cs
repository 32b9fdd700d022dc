using System.Text.Json;
using Ari.IO;

namespace Ari.Scheduling;

/// <summary>One submission of a sharded run: the shard tasks (an array) or the combine job.</summary>
/// <param name="What">"shards" or "combine"</param>
/// <param name="JobId">SLURM's job id, or "local"</param>
/// <param name="Tasks">the array's task ids ("1-8", "3,5"); null for the combine job</param>
/// <param name="At">when (UTC, ISO 8601)</param>
internal sealed record Submission(string What, string JobId, string? Tasks, string At);

/// <summary>
/// A sharded run of an ari command, as `ari slurm` writes it into DIR/slurm.json and `ari slurm status` /
/// `resubmit` read it: the command and its own arguments, the number of shards, the program that runs them,
/// the folder it runs in, the SLURM job name (which finds the run's jobs in squeue/sacct), the file whose
/// presence in DIR means the combined outputs are in place, the file whose presence in a shard's folder means the
/// shard is done ("{K}" and "{N}" stand for its numbers), and the submissions so far.
/// Layout of DIR: job.sbatch (the array), combine.sbatch, shards/shard-K-of-N/ (task K's --out), logs/, then the outputs.
/// </summary>
internal sealed record ShardedRun(
    string Command,
    IReadOnlyList<string> Arguments,
    int Shards,
    IReadOnlyList<string> Executable,
    string WorkingDirectory,
    string Directory,
    string JobName,
    string CompleteWhen,
    string ShardDoneFile,
    SlurmResources Resources,
    IReadOnlyList<Submission> Submissions)
{
    public const string FileName = "slurm.json";
    public const string Format = "ari-slurm/1";

    public string ManifestPath => Path.Combine(Directory, FileName);
    public string JobScript => Path.Combine(Directory, "job.sbatch");
    public string CombineScript => Path.Combine(Directory, "combine.sbatch");
    public string ShardsDirectory => Path.Combine(Directory, "shards");
    public string LogsDirectory => Path.Combine(Directory, "logs");
    public string CombineJobName => JobName + "-combine";
    /// <summary>Task K's output folder: shards/shard-K-of-N.</summary>
    public string ShardFolder(int shard) => Path.Combine(ShardsDirectory, Ari.Sharding.ShardSpec.FileStemFor(shard, Shards));
    /// <summary>The file whose presence says shard K is done (shard files are written atomically).</summary>
    public string ShardDonePath(int shard) => Path.Combine(ShardFolder(shard),
        ShardDoneFile.Replace("{K}", shard.ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("{N}", Shards.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    /// <summary>Written by combine.sbatch once the combine command succeeded.</summary>
    public string CompleteMarker => Path.Combine(LogsDirectory, "combine.done");
    public string ShardLog(int shard) => Path.Combine(LogsDirectory, $"shard-{shard}.log");
    public string CombineLog => Path.Combine(LogsDirectory, "combine.log");

    public ShardedRun WithSubmission(Submission submission) => this with { Submissions = [.. Submissions, submission] };

    public void Save()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteString("ari_version", AriVersion.Current);
            json.WriteString("command", Command);
            WriteStrings(json, "arguments", Arguments);
            json.WriteNumber("shards", Shards);
            WriteStrings(json, "executable", Executable);
            json.WriteString("working_directory", WorkingDirectory);
            json.WriteString("directory", Directory);
            json.WriteString("job_name", JobName);
            json.WriteString("complete_when", CompleteWhen);
            json.WriteString("shard_done_file", ShardDoneFile);
            json.WriteStartObject("slurm");
            json.WriteStringOrNull("partition", Resources.Partition);
            json.WriteStringOrNull("time", Resources.Time);
            json.WriteStringOrNull("mem", Resources.Memory);
            json.WriteEndObject();
            json.WriteStartArray("submissions");
            foreach (var s in Submissions)
            {
                json.WriteStartObject();
                json.WriteString("what", s.What);
                json.WriteString("job_id", s.JobId);
                json.WriteStringOrNull("tasks", s.Tasks);
                json.WriteString("at", s.At);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        AtomicFile.WriteAllBytes(ManifestPath, buffer.ToArray());
    }

    /// <summary>Reads DIR/slurm.json; the error names the folder when it holds no run.</summary>
    public static ShardedRun Load(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!System.IO.Directory.Exists(directory)) throw new AriException($"{directory}: no such folder");
        if (!File.Exists(path)) throw new AriException($"{directory}: not a folder written by `ari slurm` (no {FileName})");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.GetProperty("format").GetString() != Format)
                throw new AriException($"{path}: format {root.GetProperty("format")} is not {Format}");
            var slurm = root.GetProperty("slurm");
            var run = new ShardedRun(
                root.GetProperty("command").GetString()!,
                Strings(root.GetProperty("arguments")),
                root.GetProperty("shards").GetInt32(),
                Strings(root.GetProperty("executable")),
                root.GetProperty("working_directory").GetString()!,
                Path.GetFullPath(directory),
                root.GetProperty("job_name").GetString()!,
                root.GetProperty("complete_when").GetString()!,
                root.GetProperty("shard_done_file").GetString()!,
                new SlurmResources(slurm.GetProperty("partition").GetString(), slurm.GetProperty("time").GetString(), slurm.GetProperty("mem").GetString()),
                root.GetProperty("submissions").EnumerateArray().Select(s => new Submission(
                    s.GetProperty("what").GetString()!, s.GetProperty("job_id").GetString()!,
                    s.GetProperty("tasks").GetString(), s.GetProperty("at").GetString()!)).ToArray());
            if (run.Shards < 1) throw new AriException($"{path}: {run.Shards} shards");
            return run;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new AriException($"{path}: damaged ({e.Message})", e);
        }
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }

}
