using System.Globalization;

namespace Ari.Cli.Cli;

/// <summary>Parsing and checking option values; every problem is a <see cref="UsageException"/> naming the option.</summary>
public static class OptionValues
{
    /// <summary>A comma-separated list of numbers, e.g. "2.5,3.5,4.5" or "-24,-9,-18".</summary>
    public static double[] ParseNumberList(string option, string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                throw new UsageException($"{option}: '{parts[i]}' is not a number (expected a comma-separated list such as 2.5,3.5)");
        }
        return values;
    }

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

    /// <summary>An input file that must exist (checked before any work starts).</summary>
    public static string ExistingFile(string option, string path)
    {
        if (Directory.Exists(path))
            throw new AriException($"{path}: is a folder, not a file ({option})");
        if (!File.Exists(path))
            throw new AriException($"{path}: no such file ({option})");
        return path;
    }

    /// <summary>An input folder that must exist (checked before any work starts).</summary>
    public static string ExistingFolder(string option, string path)
    {
        if (!Directory.Exists(path))
            throw new AriException($"{path}: no such folder ({option})");
        return path;
    }

    /// <summary>An output file whose folder must already exist.</summary>
    public static string OutputFile(string option, string path)
    {
        string full = Path.GetFullPath(path);
        string? dir = Path.GetDirectoryName(full);
        if (dir is not null && !Directory.Exists(dir))
            throw new UsageException($"{option}: the folder {dir} does not exist");
        if (Directory.Exists(full))
            throw new UsageException($"{option}: {path} is a folder; give a file name");
        return path;
    }
}
