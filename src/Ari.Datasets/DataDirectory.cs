using Ari.IO;

namespace Ari.Datasets;

/// <summary>
/// Where downloaded data sets live: the folder given explicitly (--data-dir), else the environment variable
/// ARI_DATA, else ~/ari_data. Every file a fetcher writes is placed with <see cref="Within"/>, which refuses
/// any path that would leave the folder, by ".." parts or through a symbolic link inside it.
/// </summary>
public static class DataDirectory
{
    /// <summary>The environment variable naming the data folder when none is given explicitly: "ARI_DATA".</summary>
    public const string EnvironmentVariable = "ARI_DATA";
    /// <summary>The data folder's name in the home folder when neither --data-dir nor ARI_DATA is given: "ari_data".</summary>
    public const string DefaultFolderName = "ari_data";

    /// <summary>The data folder's full path (not created here).</summary>
    public static string Resolve(string? explicitPath = null)
    {
        string? chosen = string.IsNullOrWhiteSpace(explicitPath) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : explicitPath;
        if (!string.IsNullOrWhiteSpace(chosen))
            return Path.GetFullPath(ExpandHome(chosen.Trim()));
        string home = Home() ?? throw new AriException(
            $"cannot find your home folder to put {DefaultFolderName} in; set {EnvironmentVariable} or pass --data-dir");
        return Path.Combine(home, DefaultFolderName);
    }

    /// <summary>
    /// The full path of <paramref name="relative"/> under <paramref name="root"/>; an AriException when it is
    /// rooted or its ".." parts would lead outside the root.
    /// </summary>
    public static string Within(string root, string relative)
    {
        string fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (relative.Length == 0 || Path.IsPathRooted(relative) || relative.Contains('\0'))
            throw new AriException($"refusing to write '{relative}': not a relative path inside {fullRoot}");
        string full = Path.GetFullPath(Path.Combine(fullRoot, relative));
        if (!full.StartsWith(fullRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new AriException($"refusing to write '{relative}': it leads outside {fullRoot}");
        // A linked folder inside the data folder must not lead out of it (the data folder itself may be a link;
        // a linked file is fine: a download replaces the link, not its target).
        string realRoot = Path.TrimEndingDirectorySeparator(ResolvedPath.Of(fullRoot));
        string folder = Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? fullRoot;
        string realFolder = ResolvedPath.Of(folder);
        if (realFolder != realRoot && !realFolder.StartsWith(realRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new AriException($"refusing to write '{relative}': {folder} leads to {realFolder}, outside the data folder {fullRoot} (a symbolic link?)");
        return full;
    }

    private static string ExpandHome(string path)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            string home = Home() ?? throw new AriException($"{path}: cannot expand '~' (no home folder)");
            return path.Length == 1 ? home : Path.Combine(home, path[2..]);
        }
        return path;
    }

    private static string? Home()
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home)) home = Environment.GetEnvironmentVariable("HOME") ?? "";
        return home.Length > 0 ? home : null;
    }
}
