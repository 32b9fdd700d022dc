namespace Ari.IO;

/// <summary>An output that would replace one of the job's inputs (parameter "output"; the CLI says --out, exit 2).</summary>
public sealed class OutputCollisionException(string output, string input)
    : AriException("output", $"{output} would replace the input {input}; write the outputs elsewhere", null)
{
    /// <summary>The output path that was refused, as given.</summary>
    public string Output { get; } = output;
    /// <summary>The input it would have replaced, as given.</summary>
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
        var guard = new InputGuard(inputs);
        foreach (string output in outputs) guard.Refuse(output);
    }

    /// <summary>The same for outputs named <paramref name="fileNames"/> in <paramref name="outputDirectory"/>.</summary>
    public static void Refuse(IEnumerable<string?> inputs, string outputDirectory, IEnumerable<string> fileNames) =>
        Refuse(inputs, fileNames.Select(name => Path.Combine(outputDirectory, name)));
}

/// <summary>
/// A job's input files, resolved once, against which outputs are checked one by one (an <see cref="OutputSet"/>
/// with <see cref="OutputSet.Inputs"/> checks each file it writes).
/// </summary>
internal sealed class InputGuard
{
    private readonly List<(string Path, string Resolved)> _inputs = [];
    private readonly Dictionary<string, string> _byResolved;
    private Dictionary<FileIdentity, string>? _byIdentity;

    public InputGuard(IEnumerable<string?> inputs)
    {
        _byResolved = new Dictionary<string, string>(OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        foreach (string? input in inputs)
        {
            if (string.IsNullOrEmpty(input)) continue;
            string resolved = ResolvedPath.Of(input);
            _inputs.Add((input, resolved));
            _byResolved.TryAdd(resolved, input);
        }
    }

    /// <summary>Throws <see cref="OutputCollisionException"/> when <paramref name="output"/> is one of the inputs.</summary>
    public void Refuse(string output)
    {
        if (_inputs.Count == 0) return;
        string resolved = ResolvedPath.Of(output);
        if (_byResolved.TryGetValue(resolved, out string? input)) throw new OutputCollisionException(output, input);
        if (FileIdentity.Of(resolved) is not { } id) return; // an output that does not exist yet replaces nothing
        if (_byIdentity is null)
        {
            _byIdentity = [];
            foreach (var (path, r) in _inputs)
                if (FileIdentity.Of(r) is { } inputId) _byIdentity.TryAdd(inputId, path);
        }
        if (_byIdentity.TryGetValue(id, out input)) throw new OutputCollisionException(output, input);
    }
}
