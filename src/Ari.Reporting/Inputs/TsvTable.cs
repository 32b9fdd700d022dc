using System.Globalization;

namespace Ari.Reporting.Inputs;

/// <summary>A tab-separated table with a header row, read strictly: every row has the header's number of fields.</summary>
public sealed class TsvTable
{
    private TsvTable(string path, string[] columns, List<string[]> rows)
    {
        Path = path;
        Columns = columns;
        Rows = rows;
    }

    public string Path { get; }
    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<string[]> Rows { get; }

    public static TsvTable Read(string path, string option)
    {
        string[] lines;
        if (Ari.IO.InputFile.SpecialFileProblem(path) is { } special) throw new AriException($"{path}: {special} ({option})");
        try { lines = File.ReadAllLines(path); }
        catch (FileNotFoundException) { throw new AriException($"{path}: no such file ({option})"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new AriException($"{path}: cannot read: {e.Message} ({option})", e); }
        if (lines.Length == 0 || lines[0].Trim().Length == 0)
            throw new AriException($"{path}: empty; a header row is needed ({option})");
        var columns = lines[0].Split('\t').Select(c => c.Trim()).ToArray();
        var rows = new List<string[]>();
        for (int n = 1; n < lines.Length; n++)
        {
            if (lines[n].Length == 0) continue;
            var fields = lines[n].Split('\t');
            if (fields.Length != columns.Length)
                throw new AriException($"{path}: line {n + 1} has {fields.Length} fields but the header has {columns.Length} ({option})");
            rows.Add(fields);
        }
        return new TsvTable(path, columns, rows);
    }

    /// <summary>The index of a column, or an error naming the file when it is missing.</summary>
    public int Column(string name, string option)
    {
        int index = Array.IndexOf((string[])Columns, name);
        return index >= 0 ? index : throw new AriException($"{Path}: no '{name}' column (has {string.Join(", ", Columns)}) ({option})");
    }

    /// <summary>A cell as a number; "n/a" and empty cells are null; anything else that is not a number is an error.</summary>
    public double? Number(int row, int column, string option)
    {
        string text = Rows[row][column].Trim();
        if (text.Length == 0 || text.Equals("n/a", StringComparison.OrdinalIgnoreCase)) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return value;
        throw new AriException($"{Path}: line {row + 2}, column '{Columns[column]}': '{text}' is not a number ({option})");
    }
}
