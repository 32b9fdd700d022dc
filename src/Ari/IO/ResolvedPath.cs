namespace Ari.IO;

/// <summary>
/// A path with every symbolic link along it followed (like realpath, but for paths that do not exist yet: the
/// existing part is resolved and the rest appended), and whether two paths name the same file: same resolved
/// path, or, for files that exist, the same device and inode (hard links, bind mounts, case-insensitive disks).
/// </summary>
public static class ResolvedPath
{
    private const int MaxLinks = 40; // as Linux's path resolution

    /// <summary>The absolute path with symbolic links followed in every existing component.</summary>
    public static string Of(string path)
    {
        if (string.IsNullOrEmpty(path)) throw new ArgumentException("empty path", nameof(path));
        int links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    private static string Resolve(string full, ref int links)
    {
        string root = Path.GetPathRoot(full) ?? "/";
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        string current = root;
        for (int p = 0; p < parts.Length; p++)
        {
            string candidate = Path.Combine(current, parts[p]);
            string? target = LinkTarget(candidate);
            if (target is null)
            {
                current = candidate;
                continue;
            }
            if (++links > MaxLinks) return Path.Combine([candidate, .. parts[(p + 1)..]]); // a loop: leave it unresolved
            string absolute = Path.GetFullPath(target, current);
            current = Resolve(absolute, ref links);
        }
        return current;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists || Directory.Exists(path) || info.LinkTarget is not null ? info.LinkTarget : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { return null; }
    }

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> name the same file (or would, once created).</summary>
    public static bool SameFile(string a, string b)
    {
        string ra = Of(a), rb = Of(b);
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        if (string.Equals(ra, rb, comparison)) return true;
        return FileIdentity.Of(ra) is { } ia && FileIdentity.Of(rb) is { } ib && ia == ib;
    }
}
