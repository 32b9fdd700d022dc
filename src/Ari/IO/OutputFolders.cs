namespace Ari.IO;

/// <summary>
/// Output folders are created with their missing parents (`--out a/b/c` works when a/ does not exist yet), and a
/// failed run removes the folders it created, as long as they are empty.
/// </summary>
public static class OutputFolders
{
    /// <summary>
    /// Creates <paramref name="fullPath"/> and its missing parents; returns the folders created, deepest first.
    /// A file in the way (the folder itself, or a parent) is an AriException for <paramref name="parameter"/> (none when null)
    /// naming <paramref name="shown"/>.
    /// </summary>
    public static IReadOnlyList<string> Create(string shown, string fullPath, string? parameter = "output")
    {
        var created = new List<string>();
        for (string? f = fullPath; f is not null && !Directory.Exists(f); f = Path.GetDirectoryName(f))
        {
            if (File.Exists(f))
                throw Error(parameter, f == fullPath
                    ? $"{shown}: is a file, not a folder"
                    : $"{shown}: cannot create the folder: {f} is a file");
            created.Add(f);
        }
        if (created.Count == 0) return created;
        try { Directory.CreateDirectory(fullPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            RemoveIfEmpty(created);
            throw Error(parameter, $"{shown}: cannot create the folder: {e.Message}", e);
        }
        return created;
    }

    private static AriException Error(string? parameter, string detail, Exception? inner = null) =>
        parameter is null ? new AriException(detail, inner) : AriException.For(parameter, detail, inner);

    /// <summary>Removes folders (deepest first) while they are empty.</summary>
    public static void RemoveIfEmpty(IReadOnlyList<string> folders)
    {
        foreach (string folder in folders)
        {
            try
            {
                if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
                else return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
        }
    }
}
