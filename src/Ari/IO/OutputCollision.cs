namespace Ari.IO;

/// <summary>An output that would replace one of the job's inputs (parameter "output"; the CLI says --out, exit 2).</summary>
public sealed class OutputCollisionException(string output, string input)
    : AriException("output", $"{output} would replace the input {input}; write the outputs elsewhere", null)
{
    public string Output { get; } = output;
    public string Input { get; } = input;
}

/// <summary>
/// Outputs never overwrite inputs. Every job calls this once, before any work, with the files it reads and the
/// files it will write:
/// <code>OutputCollision.Refuse(inputs: [request.Stat, request.Mask], request.OutputDirectory, ["tdp.nii.gz", "clusters.tsv"]);</code>
/// or, for single-file outputs, <c>OutputCollision.Refuse([input, ...], [outputFile])</c>. Paths are compared
/// after following symbolic links, and by device and inode where the system gives them (hard links). Null
/// inputs (options not given) are skipped.
/// </summary>
public static class OutputCollision
{
    /// <summary>Throws <see cref="OutputCollisionException"/> naming both paths when an output is one of the inputs.</summary>
    public static void Refuse(IEnumerable<string?> inputs, IEnumerable<string> outputs)
    {
        var comparer = OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
        var targets = outputs.Select(o => (Path: o, Resolved: ResolvedPath.Of(o))).ToList();
        var byPath = new Dictionary<string, string>(comparer);
        foreach (var (path, resolved) in targets) byPath.TryAdd(resolved, path);
        var byIdentity = new Dictionary<FileIdentity, string>();
        foreach (var (path, resolved) in targets)
            if (FileIdentity.Of(resolved) is { } id) byIdentity.TryAdd(id, path);

        foreach (string? input in inputs)
        {
            if (string.IsNullOrEmpty(input)) continue;
            string resolved = ResolvedPath.Of(input);
            if (byPath.TryGetValue(resolved, out string? output))
                throw new OutputCollisionException(output, input);
            if (byIdentity.Count > 0 && FileIdentity.Of(resolved) is { } id && byIdentity.TryGetValue(id, out output))
                throw new OutputCollisionException(output, input);
        }
    }

    /// <summary>The same for outputs named <paramref name="fileNames"/> in <paramref name="outputDirectory"/>.</summary>
    public static void Refuse(IEnumerable<string?> inputs, string outputDirectory, IEnumerable<string> fileNames) =>
        Refuse(inputs, fileNames.Select(name => Path.Combine(outputDirectory, name)));
}
