using System.Globalization;
using System.Text;
using Ari.IO;
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

    /// <summary>Reads a table written by <see cref="Write"/> (through <see cref="DelimitedTable"/>); errors name the file and line.</summary>
    /// <param name="path">The null_maxima.tsv file.</param>
    public static NullMaxima Read(string path)
    {
        static AriException Fail(string message) => new(message);
        var table = DelimitedTable.Read(path, Fail);
        var header = table.Columns;
        if (header.Length == 0) throw new AriException($"{path}: empty (expected a header and one row per permutation)");
        if (header.Length < 2 || header[0] != "permutation" || header[1] != "max_t") throw new AriException($"{path}: not a null maxima table (header '{string.Join('\t', header)}')");
        bool clusters = header.Contains("max_size"), tfce = header.Contains("max_tfce");
        int first = table.Rows.Count > 0 ? Index(table, 0) : 0;
        var maxima = new NullMaxima(first, table.Rows.Count, clusters, tfce);
        for (int r = 0; r < table.Rows.Count; r++)
        {
            if (Index(table, r) != first + r) throw new AriException($"{path} line {table.Lines[r]}: permutation {table.Rows[r][0]}, expected {first + r}");
            int c = 1;
            maxima.MaxT[r] = Value(table, r, c++);
            if (clusters) { maxima.MaxSize![r] = Value(table, r, c++); maxima.MaxMass![r] = Value(table, r, c++); }
            if (tfce) maxima.MaxTfce![r] = Value(table, r, c++);
        }
        return maxima;
    }

    private static int Index(DelimitedTable table, int row) =>
        int.TryParse(table.Rows[row][0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value : throw new AriException($"{table.Path} line {table.Lines[row]}: '{table.Rows[row][0]}' is not a permutation index");

    private static double Value(DelimitedTable table, int row, int column) =>
        table.Number(row, column, message => new AriException(message))
            ?? throw new AriException($"{table.Path} line {table.Lines[row]}: column '{table.Columns[column]}' is empty");
}
