using System.Globalization;

namespace Ari.IO;

/// <summary>
/// The hidden temporaries all of Ari's writers use beside a target file, ".name.&lt;host&gt;.&lt;pid&gt;.&lt;32 hex&gt;.tmp",
/// and their clean-up: a run killed while writing (SIGKILL, out of memory, a SLURM time limit) leaves its temporary
/// behind; the next writer of the same target removes it.
/// </summary>
public static class TemporaryFiles
{
    /// <summary>After this long without a write, a temporary of another host (a shared file system) is stale too.</summary>
    public static readonly TimeSpan DefaultAge = TimeSpan.FromHours(1);

    private static readonly string Host = HostToken(Environment.MachineName);

    /// <summary>A new temporary name beside <paramref name="fullPath"/>, naming this host and process.</summary>
    public static string NameFor(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath) ?? ".",
            $".{Path.GetFileName(fullPath)}.{Host}.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}.tmp");

    /// <summary>
    /// Removes the temporaries of <paramref name="fullPath"/> left by writers that are gone: a process of this host
    /// that no longer runs, or any temporary not written to for <paramref name="age"/> (default <see cref="DefaultAge"/>;
    /// this also covers names without host and process, and other hosts). Never throws; a live writer's file stays.
    /// </summary>
    public static void RemoveStale(string fullPath, TimeSpan? age = null)
    {
        string? folder = Path.GetDirectoryName(fullPath);
        if (folder is null || !Directory.Exists(folder)) return;
        string prefix = "." + Path.GetFileName(fullPath) + ".";
        var cutoff = DateTime.UtcNow - (age ?? DefaultAge);
        try
        {
            foreach (string path in Directory.EnumerateFiles(folder, prefix + "*.tmp"))
            {
                string middle = Path.GetFileName(path)[prefix.Length..^4];
                if (Writer(middle) is not { } writer) continue; // not one of ours
                bool gone = writer.Host == Host && writer.Pid is { } pid && pid != Environment.ProcessId && !IsRunning(pid);
                if (gone || File.GetLastWriteTimeUtc(path) < cutoff) AtomicFile.TryDelete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>The host and process of a temporary's middle part ("host.pid.hex", or an older "hex"); null when not ours.</summary>
    private static (string? Host, int? Pid)? Writer(string middle)
    {
        string[] parts = middle.Split('.');
        if (!IsGuid(parts[^1])) return null;
        if (parts.Length == 1) return (null, null);
        if (parts.Length == 3 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) return (parts[0], pid);
        return null;
    }

    private static bool IsGuid(string text) => text.Length == 32 && text.All(char.IsAsciiHexDigitLower);

    private static bool IsRunning(int pid)
    {
        if (OperatingSystem.IsLinux()) return Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}");
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { return false; }
    }

    /// <summary>The host name as one file-name token (letters, digits and '-').</summary>
    private static string HostToken(string name)
    {
        string token = new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        return token.Length == 0 ? "host" : token;
    }
}
