namespace Ari.IO;

/// <summary>
/// Writes a file under a temporary name in the destination folder and renames it into place when complete,
/// so that a failure never leaves a partial file behind. Missing folders are created (and removed again on failure).
/// </summary>
public static class AtomicFile
{
    /// <summary>Creates <paramref name="path"/> by running <paramref name="write"/> on a stream to a hidden temporary file beside it, then renaming it into place (replacing any existing file) and removing what killed earlier writers left of it (<see cref="TemporaryFiles.RemoveStale"/>).</summary>
    /// <param name="path">The destination; missing folders are created.</param>
    /// <param name="write">Writes the content; the stream is closed after it returns.</param>
    /// <exception cref="AriException">Permission denied or an I/O error (the temporary file is removed).</exception>
    public static void Write(string path, Action<Stream> write)
    {
        string full = System.IO.Path.GetFullPath(path);
        string directory = System.IO.Path.GetDirectoryName(full) ?? ".";
        var createdFolders = OutputFolders.Create(directory, directory);
        string temp = TempNameFor(full);
        bool saved = false;
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                write(stream);
            File.Move(temp, full, overwrite: true);
            saved = true;
            TemporaryFiles.RemoveStale(full);
        }
        catch (UnauthorizedAccessException e)
        {
            TryDelete(temp);
            throw new AriException($"{path}: permission denied", e);
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            TryDelete(temp);
            throw new AriException($"{path}: cannot write: {e.Message}", e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        finally
        {
            if (!saved) OutputFolders.RemoveIfEmpty(createdFolders);
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark, atomically (see <see cref="Write"/>).</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, s => { using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false)); w.Write(text); });

    /// <summary>Writes <paramref name="bytes"/> atomically (see <see cref="Write"/>).</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, s => s.Write(copy));
    }

    /// <summary>A hidden temporary name beside the target (<see cref="TemporaryFiles.NameFor"/>).</summary>
    public static string TempNameFor(string fullPath) => TemporaryFiles.NameFor(fullPath);

    /// <summary>Deletes a file if it can; a file that is gone or locked is left as it is.</summary>
    public static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
