using System.Globalization;

namespace Ari.Permutation;

/// <summary>
/// Reads a table of assignments (`ari permute --flips FILE`): one row per permutation, n values separated by
/// tabs, commas or spaces; blank lines and lines starting with '#' are skipped. For sign flips every value is
/// +1 or -1; for row permutations a row is a permutation of 0..n-1 (row i takes design row Q[i]).
/// The identity is permutation 0: if the table does not start with it, it is moved (or added) to the front.
/// Duplicated rows are kept (and reported in <see cref="Warnings"/>).
/// </summary>
public sealed class PermutationTable
{
    private PermutationTable(TablePermutationSequence sequence, IReadOnlyList<string> warnings)
    {
        Sequence = sequence;
        Warnings = warnings;
    }

    /// <summary>The assignments read, identity first.</summary>
    public TablePermutationSequence Sequence { get; }
    /// <summary>Notes for the user (identity moved or added, duplicated rows).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Reads and checks a table of assignments; a bad file or row throws an <see cref="AriException"/> naming <paramref name="option"/>.</summary>
    /// <param name="path">The table file.</param>
    /// <param name="kind">Sign flips (values +1/-1) or row permutations (permutations of 0..n-1).</param>
    /// <param name="subjects">n: the values each row must hold.</param>
    /// <param name="option">The command-line option named in errors.</param>
    public static PermutationTable Read(string path, PermutationKind kind, int subjects, string option = "--flips")
    {
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new AriException($"{option}: {path}: cannot read: {e.Message}", e); }
        var rows = new List<int[]>();
        for (int l = 0; l < lines.Length; l++)
        {
            string line = lines[l].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != subjects)
                throw new AriException($"{option}: {path} line {l + 1}: {parts.Length} columns, expected {subjects} (one per map)");
            var row = new int[subjects];
            for (int i = 0; i < subjects; i++)
            {
                if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value != Math.Round(value))
                    throw new AriException($"{option}: {path} line {l + 1}: '{parts[i]}' is not {(kind == PermutationKind.SignFlips ? "+1 or -1" : "a row index")}");
                row[i] = (int)value;
                if (kind == PermutationKind.SignFlips && value is not (1 or -1))
                    throw new AriException($"{option}: {path} line {l + 1}: '{parts[i]}' is not +1 or -1 (this design is tested by sign flips)");
                if (kind == PermutationKind.RowPermutations && (value < 0 || value >= subjects))
                    throw new AriException($"{option}: {path} line {l + 1}: '{parts[i]}' is not a row index from 0 to {subjects - 1} (this design is tested by row permutations)");
            }
            if (kind == PermutationKind.RowPermutations && row.Distinct().Count() != subjects)
                throw new AriException($"{option}: {path} line {l + 1}: not a permutation of 0..{subjects - 1} (a row index appears twice)");
            rows.Add(row);
        }
        if (rows.Count == 0) throw new AriException($"{option}: {path}: no rows");

        var warnings = new List<string>();
        var identity = new int[subjects];
        PermutationSequence.Identity(kind, identity);
        int at = rows.FindIndex(r => r.AsSpan().SequenceEqual(identity));
        if (at < 0)
        {
            rows.Insert(0, identity);
            warnings.Add($"{option}: {path} does not contain the identity; it was added as permutation 0 ({rows.Count} in all)");
        }
        else if (at > 0)
        {
            var row = rows[at];
            rows.RemoveAt(at);
            rows.Insert(0, row);
            warnings.Add($"{option}: {path}: the identity (line {at + 1} of the rows) was moved to the front");
        }
        var seen = new HashSet<string>();
        int duplicates = rows.Count(r => !seen.Add(string.Join(",", r)));
        if (duplicates > 0) warnings.Add($"{option}: {path} has {duplicates} duplicated row{(duplicates == 1 ? "" : "s")} (kept; each counts as a permutation)");
        return new PermutationTable(new TablePermutationSequence(kind, rows), warnings);
    }
}
