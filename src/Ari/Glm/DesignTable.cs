using System.Globalization;

namespace Ari.Glm;

/// <summary>
/// A design read from a table file: TSV (tab-separated) or CSV (comma-separated) with a header row and one
/// row per map. A participants-style table may carry a <c>map</c> column with each row's image path, relative
/// to the table's folder; <c>participant_id</c> and <c>subject_label</c> columns are identifiers. Every other
/// column is a regressor and must be numeric. An <c>intercept</c> column of ones is put first unless the
/// constant is already in the span of the table's columns (an intercept column, or group indicators that sum to one).
/// </summary>
/// <param name="Path">The table file, as given.</param>
/// <param name="Design">The regressors, with "intercept" first when it was added.</param>
/// <param name="MapPaths">Each row's map from the <c>map</c> column, as full paths resolved against the table's folder; null without that column.</param>
/// <param name="IdentifierColumns">The identifier columns the table has (participant_id, subject_label), in header order.</param>
/// <param name="InterceptAdded">True when the intercept column was added (the constant was not already in the columns' span).</param>
public sealed record DesignTable(
    string Path,
    DesignMatrix Design,
    IReadOnlyList<string>? MapPaths,
    IReadOnlyList<string> IdentifierColumns,
    bool InterceptAdded)
{
    /// <summary>The identifier column used to pair rows with maps (participant_id, else subject_label), or null.</summary>
    public string? IdColumn { get; init; }

    /// <summary>Each row's value in <see cref="IdColumn"/>, or null without such a column.</summary>
    public IReadOnlyList<string>? RowIds { get; init; }

    /// <summary>Design values beyond this would overflow X'X (squares of 1e301 are infinite): rescale the column.</summary>
    public const double MaxMagnitude = 1e100;

    /// <summary>The column that names each row's map in a participants-style table.</summary>
    public const string MapColumn = "map";

    /// <summary>Columns that identify rows and are not regressors.</summary>
    public static readonly IReadOnlyList<string> IdentifierColumnNames = ["participant_id", "subject_label"];

    /// <summary>Reads a design table (TSV if the header has a tab, else CSV), adding an intercept column when the constant is not already in the columns' span.</summary>
    /// <param name="path">The table file.</param>
    /// <exception cref="AriException">The file is missing or unreadable, or a cell, header or row is malformed; the message names the file, line and column (parameter "design").</exception>
    public static DesignTable Read(string path)
    {
        static AriException Fail(string message) => AriException.For("design", message);
        var table = Ari.IO.DelimitedTable.Read(path, Fail, "cannot read the design table");
        if (table.Columns.Length == 0) throw Fail($"{path}: the design table is empty (expected a header row and one row per map)");
        var header = table.Columns;
        if (table.Rows.Count == 0) throw Fail($"{path}: the design table has a header but no rows");
        for (int c = 0; c < header.Length; c++)
        {
            if (header[c].Length == 0) throw Fail($"{path}: column {c + 1} of the header has no name");
            for (int d = 0; d < c; d++)
                if (header[d] == header[c]) throw Fail($"{path}: the column '{header[c]}' appears twice in the header");
        }
        var cells = table.Rows;
        var rows = table.Lines.Prepend(0).Select(line => (Text: "", Line: line)).ToList();

        int mapIndex = Array.IndexOf(header, MapColumn);
        var identifiers = header.Where(h => IdentifierColumnNames.Contains(h)).ToList();
        var regressors = Enumerable.Range(0, header.Length).Where(c => c != mapIndex && !IdentifierColumnNames.Contains(header[c])).ToList();
        var columns = new List<(string Name, double[] Values)>();
        foreach (int c in regressors)
        {
            var values = new double[cells.Count];
            for (int r = 0; r < cells.Count; r++)
            {
                string text = cells[r][c];
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out values[r]) || !double.IsFinite(values[r]))
                    throw AriException.For("design", $"{path}: line {rows[r + 1].Line}, column '{header[c]}': '{text}' is not a number (design values must be numeric, with a decimal point and no thousands separators; code groups as 0/1 columns)");
                if (Math.Abs(values[r]) > MaxMagnitude)
                    throw AriException.For("design", $"{path}: line {rows[r + 1].Line}, column '{header[c]}': {text} is too large for a design (at most 1e100 in magnitude); rescale the column");
            }
            columns.Add((header[c], values));
        }

        IReadOnlyList<string>? maps = null;
        if (mapIndex >= 0)
        {
            string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";
            maps = cells.Select((fields, r) =>
            {
                string map = fields[mapIndex];
                if (map.Length == 0) throw AriException.For("design", $"{path}: line {rows[r + 1].Line}: the '{MapColumn}' column is empty");
                return System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, map));
            }).ToArray();
        }

        bool addIntercept = columns.Count == 0 || !ConstantInSpan(columns);
        if (addIntercept && columns.Any(c => c.Name == "intercept"))
            throw AriException.For("design", $"{path}: the column 'intercept' is not constant; rename it");
        var design = addIntercept
            ? DesignMatrix.FromColumns([("intercept", Enumerable.Repeat(1.0, cells.Count).ToArray()), .. columns])
            : DesignMatrix.FromColumns([.. columns]);
        string? idColumn = IdentifierColumnNames.FirstOrDefault(header.Contains);
        int idIndex = idColumn is null ? -1 : Array.IndexOf(header, idColumn);
        return new DesignTable(path, design, maps, identifiers, addIntercept)
        {
            IdColumn = idColumn,
            RowIds = idIndex < 0 ? null : cells.Select(fields => fields[idIndex]).ToArray(),
        };
    }

    /// <summary>Whether a column of ones is a linear combination of the given columns (least-squares residual ~ 0).</summary>
    private static bool ConstantInSpan(List<(string Name, double[] Values)> columns)
    {
        var design = DesignMatrix.FromColumns([.. columns]);
        var ols = new OlsDesign(design);
        var ones = Enumerable.Repeat(1.0, design.RowCount).ToArray();
        double residual = 0;
        var fitted = ols.Fitted(ones);
        for (int r = 0; r < ones.Length; r++) residual += (ones[r] - fitted[r]) * (ones[r] - fitted[r]);
        return Math.Sqrt(residual) <= 1e-8 * Math.Sqrt(ones.Length);
    }
}
