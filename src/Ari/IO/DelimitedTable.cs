using System.Globalization;
using System.Text;

namespace Ari.IO;

/// <summary>
/// Ari's one reader of tab- and comma-separated tables (design tables, and the TSV files its commands write): a header
/// row, then rows with the header's number of fields; blank lines are skipped; a byte-order mark and carriage returns
/// are dropped; cells are trimmed and may be wrapped in double quotes ("" is a quote). Errors are
/// <see cref="AriException"/>s made by the caller's <c>fail</c>, which receives the message (starting with the path).
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Separator">Tab, or comma when the header has no tab.</param>
/// <param name="Columns">The header's names.</param>
/// <param name="Rows">The cells of each row.</param>
/// <param name="Lines">Each row's line number in the file (1-based).</param>
internal sealed record DelimitedTable(string Path, char Separator, string[] Columns, IReadOnlyList<string[]> Rows, IReadOnlyList<int> Lines)
{
    /// <summary>Reads a table; <paramref name="what"/> names it in read errors ("cannot read the design table").</summary>
    public static DelimitedTable Read(string path, Func<string, AriException> fail, string what = "cannot read")
    {
        string[] lines;
        if (InputFile.SpecialFileProblem(path) is { } special) throw fail($"{path}: {special}");
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { throw fail($"{path}: no such file"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw fail($"{path}: {what}: {e.Message}"); }
        return Parse(path, lines, fail);
    }

    /// <summary>Parses the lines of a table (see the type's summary); an empty table or a header alone is returned as such.</summary>
    public static DelimitedTable Parse(string path, IReadOnlyList<string> lines, Func<string, AriException> fail)
    {
        var kept = new List<(string Text, int Line)>();
        for (int n = 0; n < lines.Count; n++)
        {
            string text = lines[n].TrimEnd('\r');
            if (n == 0) text = text.TrimStart('\uFEFF');
            if (text.Trim().Length > 0) kept.Add((text, n + 1));
        }
        if (kept.Count == 0) return new DelimitedTable(path, '\t', [], [], []);
        char separator = kept[0].Text.Contains('\t') ? '\t' : ',';
        var header = Split(kept[0].Text, separator);
        var rows = new List<string[]>(kept.Count - 1);
        var numbers = new List<int>(kept.Count - 1);
        foreach (var (text, line) in kept.Skip(1))
        {
            var fields = Split(text, separator);
            if (fields.Length != header.Length)
                throw fail($"{path}: line {line} has {fields.Length} {(separator == '\t' ? "tab" : "comma")}-separated values, the header has {header.Length}");
            rows.Add(fields);
            numbers.Add(line);
        }
        return new DelimitedTable(path, separator, header, rows, numbers);
    }

    /// <summary>The index of a column, or -1.</summary>
    public int IndexOf(string column) => Array.IndexOf(Columns, column);

    /// <summary>A cell as a number: empty and "n/a" are null; anything else that is not a number is an error.</summary>
    public double? Number(int row, int column, Func<string, AriException> fail)
    {
        string text = Rows[row][column];
        if (text.Length == 0 || text.Equals("n/a", StringComparison.OrdinalIgnoreCase)) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return value;
        throw fail($"{Path}: line {Lines[row]}, column '{Columns[column]}': '{text}' is not a number");
    }

    /// <summary>Splits one line; cells are trimmed and may be wrapped in double quotes.</summary>
    public static string[] Split(string line, char separator)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            field.Clear();
            while (i < line.Length && line[i] == ' ') i++;
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
            }
            while (i < line.Length && line[i] != separator) field.Append(line[i++]);
            fields.Add(field.ToString().Trim());
            if (i >= line.Length) break;
            i++; // the separator
        }
        return fields.ToArray();
    }
}
