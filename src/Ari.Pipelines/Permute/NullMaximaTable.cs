using System.Globalization;
using System.Text;
using Ari.Permutation;

namespace Ari.Pipelines.Permute;

/// <summary>
/// null_maxima.tsv: one row per permutation (its index in the sequence, 0 = identity), columns max_t, then
/// max_size and max_mass (with a cluster threshold), then max_tfce (with TFCE); numbers in round-trip form, so
/// reading gives back the same doubles bit for bit.
/// </summary>
public static class NullMaximaTable
{
    /// <summary>The table's file name in a permute or shard folder.</summary>
    public const string FileName = "null_maxima.tsv";

    /// <summary>The table's text for a block of maxima (rows numbered from <see cref="NullMaxima.First"/>).</summary>
    /// <param name="maxima">The per-permutation maxima to write.</param>
    public static string Write(NullMaxima maxima)
    {
        var text = new StringBuilder();
        text.Append("permutation\tmax_t");
        if (maxima.MaxSize is not null) text.Append("\tmax_size\tmax_mass");
        if (maxima.MaxTfce is not null) text.Append("\tmax_tfce");
        text.Append('\n');
        for (int i = 0; i < maxima.Count; i++)
        {
            text.Append((maxima.First + i).ToString(CultureInfo.InvariantCulture)).Append('\t').Append(PermuteRun.Format(maxima.MaxT[i]));
            if (maxima.MaxSize is not null) text.Append('\t').Append(PermuteRun.Format(maxima.MaxSize[i])).Append('\t').Append(PermuteRun.Format(maxima.MaxMass![i]));
            if (maxima.MaxTfce is not null) text.Append('\t').Append(PermuteRun.Format(maxima.MaxTfce[i]));
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Reads a table written by <see cref="Write"/>; errors name the file and line.</summary>
    public static NullMaxima Read(string path)
    {
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new AriException($"{path}: cannot read: {e.Message}", e); }
        if (lines.Length == 0) throw new AriException($"{path}: empty (expected a header and one row per permutation)");
        var header = lines[0].Split('\t');
        if (header.Length < 2 || header[0] != "permutation" || header[1] != "max_t") throw new AriException($"{path}: not a null maxima table (header '{lines[0]}')");
        bool clusters = header.Contains("max_size"), tfce = header.Contains("max_tfce");
        var rows = lines.Skip(1).Where(l => l.Length > 0).ToArray();
        int first = rows.Length > 0 ? ParseInt(rows[0].Split('\t')[0], path, 2) : 0;
        var maxima = new NullMaxima(first, rows.Length, clusters, tfce);
        for (int r = 0; r < rows.Length; r++)
        {
            var cells = rows[r].Split('\t');
            if (cells.Length != header.Length) throw new AriException($"{path} line {r + 2}: {cells.Length} columns, expected {header.Length}");
            if (ParseInt(cells[0], path, r + 2) != first + r) throw new AriException($"{path} line {r + 2}: permutation {cells[0]}, expected {first + r}");
            int c = 1;
            maxima.MaxT[r] = ParseDouble(cells[c++], path, r + 2);
            if (clusters) { maxima.MaxSize![r] = ParseDouble(cells[c++], path, r + 2); maxima.MaxMass![r] = ParseDouble(cells[c++], path, r + 2); }
            if (tfce) maxima.MaxTfce![r] = ParseDouble(cells[c++], path, r + 2);
        }
        return maxima;
    }

    private static int ParseInt(string text, string path, int line) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : throw new AriException($"{path} line {line}: '{text}' is not a permutation index");

    private static double ParseDouble(string text, string path, int line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : throw new AriException($"{path} line {line}: '{text}' is not a number");
}
