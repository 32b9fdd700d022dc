using System.Globalization;
using System.Text.RegularExpressions;

namespace Ari.Sharding;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (1-based, written "K/N" on command lines, as SLURM's
/// $SLURM_ARRAY_TASK_ID counts from 1). Items 0..n-1 split into N contiguous ranges of ⌊n/N⌋ or ⌈n/N⌉.
/// A shard writes one file named <see cref="FileStem"/> plus an extension into its parts folder; the
/// schedulers recognise finished shards by that name (temporary files start with a dot).
/// </summary>
public readonly partial record struct ShardSpec
{
    /// <summary>Shard <paramref name="index"/> of <paramref name="count"/>, both counted from 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> &lt; 1, or <paramref name="index"/> outside 1..count.</exception>
    public ShardSpec(int index, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), "at least one shard");
        if (index < 1 || index > count) throw new ArgumentOutOfRangeException(nameof(index), $"shard {index} of {count}");
        Index = index;
        Count = count;
    }

    /// <summary>1..Count.</summary>
    public int Index { get; }
    /// <summary>N: the total number of shards (≥ 1).</summary>
    public int Count { get; }

    /// <summary>"shard-K-of-N".</summary>
    public string FileStem => FileStemFor(Index, Count);

    /// <summary>The file stem "shard-K-of-N" for shard <paramref name="index"/> of <paramref name="count"/> (not validated).</summary>
    public static string FileStemFor(int index, int count) => $"shard-{index}-of-{count}";

    /// <summary>The items of this shard among <paramref name="items"/>: [⌊(K-1)n/N⌋, ⌊Kn/N⌋).</summary>
    public (int Start, int Length) Range(int items)
    {
        int start = (int)((long)(Index - 1) * items / Count);
        int end = (int)((long)Index * items / Count);
        return (start, end - start);
    }

    /// <summary>"K/N", as written on command lines.</summary>
    public override string ToString() => $"{Index}/{Count}";

    /// <summary>Parses "K/N" (1 ≤ K ≤ N); the error names <paramref name="parameter"/>.</summary>
    public static ShardSpec Parse(string text, string parameter = "shard")
    {
        var match = SpecPattern().Match(text ?? "");
        if (!match.Success)
            throw AriException.For(parameter, $"'{text}' is not a shard; write K/N, for example 3/8 (shard 3 of 8)");
        if (!int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1)
            throw AriException.For(parameter, $"'{text}' is not a shard; N must be a positive whole number");
        if (index < 1 || index > count)
            throw AriException.For(parameter, $"shard {index} of {count} does not exist; K counts from 1 to N");
        return new ShardSpec(index, count);
    }

    /// <summary>Recognises a shard file name "shard-K-of-N.ext" (not a hidden temporary file).</summary>
    public static bool TryParseFileName(string fileName, out ShardSpec shard)
    {
        shard = default;
        var match = FilePattern().Match(fileName);
        if (!match.Success) return false;
        if (!int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            || count < 1 || index < 1 || index > count)
            return false;
        shard = new ShardSpec(index, count);
        return true;
    }

    [GeneratedRegex(@"^\s*(\d{1,9})\s*/\s*(\d{1,9})\s*$")]
    private static partial Regex SpecPattern();

    [GeneratedRegex(@"^shard-(\d{1,9})-of-(\d{1,9})\.[A-Za-z0-9.]+$")]
    private static partial Regex FilePattern();
}
