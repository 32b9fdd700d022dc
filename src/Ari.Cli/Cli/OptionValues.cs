using System.Globalization;

namespace Ari.Cli.Cli;

/// <summary>Parsing and checking option values; every problem is a <see cref="UsageException"/> naming the option.</summary>
internal static class OptionValues
{
    /// <summary>A comma-separated list of numbers, e.g. "2.5,3.5,4.5" or "-24,-9,-18" (see <see cref="NumberText.ParseList"/>).</summary>
    public static double[] ParseNumberList(string option, string text, int maxCount = 1000) => NumberText.ParseList(option, text, maxCount);

    public static double OpenUnitInterval(string option, double value)
    {
        if (!(value > 0 && value < 1))
            throw new UsageException($"{option}: must be between 0 and 1 (exclusive), got {value.ToString(CultureInfo.InvariantCulture)}");
        return value;
    }

    public static double Positive(string option, double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new UsageException($"{option}: must be a positive number, got {value.ToString(CultureInfo.InvariantCulture)}");
        return value;
    }

    public static double NonNegative(string option, double value)
    {
        if (!(value >= 0) || !double.IsFinite(value))
            throw new UsageException($"{option}: must be zero or more, got {value.ToString(CultureInfo.InvariantCulture)}");
        return value;
    }

    public static T OneOf<T>(string option, T value, params T[] allowed)
    {
        if (!allowed.Contains(value))
            throw new UsageException($"{option}: must be one of {string.Join(", ", allowed)}, got {value}");
        return value;
    }

    /// <summary>A path option must not be empty (`--maps ''`).</summary>
    public static string NonEmptyPath(string option, string? path) =>
        string.IsNullOrWhiteSpace(path) ? throw new UsageException($"{option}: an empty path") : path;

    /// <summary>An input file that must exist (checked before any work starts).</summary>
    public static string ExistingFile(string option, string path)
    {
        NonEmptyPath(option, path);
        if (Directory.Exists(path))
            throw new AriException($"{path}: is a folder, not a file ({option})");
        if (!File.Exists(path))
            throw new AriException($"{path}: no such file ({option})");
        return path;
    }

    /// <summary>An input folder that must exist (checked before any work starts).</summary>
    public static string ExistingFolder(string option, string path)
    {
        NonEmptyPath(option, path);
        if (!Directory.Exists(path))
            throw new AriException($"{path}: no such folder ({option})");
        return path;
    }

    /// <summary>
    /// An output file: not a folder, and no parent is a file. Missing parent folders are created when the file
    /// is written (<see cref="Ari.IO.AtomicFile"/>), as for output folders.
    /// </summary>
    public static string OutputFile(string option, string path)
    {
        NonEmptyPath(option, path);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new UsageException($"{option}: {path} is a folder; give a file name");
        RequireNoFileAbove(option, path, Path.GetDirectoryName(full));
        return path;
    }

    /// <summary>An output folder: not a file, and no parent is a file; it and its missing parents are created by the job.</summary>
    public static string OutputFolder(string option, string path)
    {
        NonEmptyPath(option, path);
        string full = Path.GetFullPath(path);
        if (File.Exists(full))
            throw new UsageException($"{option}: {path} is a file, not a folder");
        RequireNoFileAbove(option, path, Path.GetDirectoryName(full));
        return path;
    }

    /// <summary>The output file of `ari report` and similar: must end in one of the given extensions.</summary>
    public static string WithExtension(string option, string path, params string[] extensions)
    {
        if (!extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            throw new UsageException($"{option}: {path}: must end in {string.Join(" or ", extensions)}");
        return path;
    }

    private static void RequireNoFileAbove(string option, string path, string? folder)
    {
        for (string? f = folder; f is not null && !Directory.Exists(f); f = Path.GetDirectoryName(f))
            if (File.Exists(f))
                throw new UsageException($"{option}: {path}: cannot create the folder, {f} is a file");
    }
}
