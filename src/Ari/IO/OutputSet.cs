namespace Ari.IO;

/// <summary>
/// The files one command writes, made all-or-nothing: each file is written to a temporary name,
/// and only <see cref="Commit"/> renames them all into place. Disposing without committing removes them,
/// and removes the output folder (and parents) too if this set created them and they are left empty.
/// </summary>
public sealed class OutputSet : IDisposable
{
    private readonly List<(string Temp, string Final)> _staged = [];
    private readonly IReadOnlyList<string> _createdFolders;
    private bool _committed;

    /// <summary>Opens (creating it and any missing parents) the output folder.</summary>
    public OutputSet(string directory)
    {
        Directory = System.IO.Path.GetFullPath(directory);
        _createdFolders = OutputFolders.Create(directory, Directory);
    }

    /// <summary>The output folder, as a full path.</summary>
    public string Directory { get; }

    /// <summary>
    /// The job's input files: a file of the set that would replace one of them is refused
    /// (<see cref="OutputCollisionException"/>) before anything is written. Set it in one line:
    /// <c>new OutputSet(dir) { Inputs = [.. maps, maskPath] }</c>. Jobs should also call
    /// <see cref="OutputCollision.Refuse(IEnumerable{string?}, string, IEnumerable{string})"/> before any work.
    /// </summary>
    public IEnumerable<string?> Inputs { init => _guard = new InputGuard(value); }

    private InputGuard? _guard;

    /// <summary>The final path of a file in the set.</summary>
    public string PathOf(string fileName) => System.IO.Path.Combine(Directory, fileName);

    /// <summary>Writes a file to its temporary name now; it appears under its name at <see cref="Commit"/>.</summary>
    public void Write(string fileName, Action<Stream> write)
    {
        string final = PathOf(fileName);
        _guard?.Refuse(final);
        string temp = AtomicFile.TempNameFor(final);
        try
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            write(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            AtomicFile.TryDelete(temp);
            throw new AriException($"{final}: cannot write: {e.Message}", e);
        }
        catch
        {
            AtomicFile.TryDelete(temp);
            throw;
        }
        _staged.Add((temp, final));
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark to the set's file <paramref name="fileName"/> (see <see cref="Write"/>).</summary>
    public void WriteAllText(string fileName, string text) =>
        Write(fileName, s => { using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false)); w.Write(text); });

    /// <summary>Writes <paramref name="bytes"/> to the set's file <paramref name="fileName"/> (see <see cref="Write"/>).</summary>
    public void WriteAllBytes(string fileName, byte[] bytes) => Write(fileName, s => s.Write(bytes));

    /// <summary>Renames every staged file into place, then removes what killed earlier runs left of them (<see cref="TemporaryFiles.RemoveStale"/>).</summary>
    public void Commit()
    {
        foreach (var (temp, final) in _staged)
            File.Move(temp, final, overwrite: true);
        _committed = true;
        foreach (var (_, final) in _staged)
            TemporaryFiles.RemoveStale(final);
    }

    /// <summary>Without <see cref="Commit"/>: deletes the temporary files and any output folders this set created that are left empty. After a commit: nothing.</summary>
    public void Dispose()
    {
        if (_committed) return;
        foreach (var (temp, _) in _staged) AtomicFile.TryDelete(temp);
        OutputFolders.RemoveIfEmpty(_createdFolders);
    }
}
