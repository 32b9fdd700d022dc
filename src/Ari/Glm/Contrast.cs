using System.Globalization;

namespace Ari.Glm;

/// <summary>The test a contrast asks for: a t test (one row) or an F test (several rows).</summary>
public enum StatType
{
    /// <summary>A t test of a single contrast row (one-sided, positive effects: nilearn's stat_type="t").</summary>
    T,
    /// <summary>An F test of several contrast rows jointly (nilearn's stat_type="F").</summary>
    F,
}

/// <summary>
/// A contrast on a design's columns: one row of weights (t test) or several rows (F test), with the text
/// it was written as. Written as a column name ("intercept"), a weight vector ("0,1"), a linear expression
/// of column names ("age - sex", "2*a - b"), or several of these separated by ';' for an F test ("a; b").
/// </summary>
public sealed class Contrast
{
    private readonly double[,] _matrix;

    private Contrast(string expression, double[,] matrix, StatType type)
    {
        Expression = expression;
        _matrix = matrix;
        Type = type;
    }

    /// <summary>The text the contrast was written as (or generated from its weights: "0,1", "1,0; 0,1"); used to name outputs.</summary>
    public string Expression { get; }
    /// <summary><see cref="StatType.T"/> for one row, <see cref="StatType.F"/> for several.</summary>
    public StatType Type { get; }
    /// <summary>Number of rows: 1 for a t contrast, q for an F contrast.</summary>
    public int RowCount => _matrix.GetLength(0);
    /// <summary>Number of weights per row: the design's column count.</summary>
    public int ColumnCount => _matrix.GetLength(1);
    /// <summary>The weight of design column <paramref name="column"/> in row <paramref name="row"/> (both 0-based).</summary>
    public double this[int row, int column] => _matrix[row, column];

    /// <summary>A copy of the weights, rows x design columns.</summary>
    public double[,] ToArray() => (double[,])_matrix.Clone();

    /// <summary>A copy of the weights of one row (0-based), one per design column.</summary>
    public double[] Row(int row) => Enumerable.Range(0, ColumnCount).Select(c => _matrix[row, c]).ToArray();

    /// <summary>Reads a contrast written for <paramref name="design"/>; errors name the problem and the columns.</summary>
    public static Contrast Parse(string text, DesignMatrix design)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(design);
        string trimmed = text.Trim();
        if (trimmed.Length == 0) throw AriException.For("contrast", "is empty");
        var parts = trimmed.Split(';', StringSplitOptions.TrimEntries);
        var rows = new double[parts.Length][];
        for (int r = 0; r < parts.Length; r++)
        {
            if (parts[r].Length == 0) throw AriException.For("contrast", $"'{trimmed}': an empty row between ';'");
            rows[r] = ParseRow(parts[r], design);
        }
        return FromRows(trimmed, rows, design);
    }

    /// <summary>A t contrast from weights, one per design column.</summary>
    public static Contrast FromVector(IReadOnlyList<double> weights, DesignMatrix design, string? name = null) =>
        FromRows(name ?? string.Join(",", weights.Select(w => w.ToString("R", CultureInfo.InvariantCulture))), [weights.ToArray()], design);

    /// <summary>A contrast from a weight matrix (rows x design columns): a t test for one row, F otherwise.</summary>
    public static Contrast FromMatrix(double[,] matrix, DesignMatrix design, string? name = null)
    {
        var rows = Enumerable.Range(0, matrix.GetLength(0))
            .Select(r => Enumerable.Range(0, matrix.GetLength(1)).Select(c => matrix[r, c]).ToArray()).ToArray();
        return FromRows(name ?? string.Join("; ", rows.Select(r => string.Join(",", r.Select(w => w.ToString("R", CultureInfo.InvariantCulture))))), rows, design);
    }

    /// <summary>The default contrast of nilearn: the only column of a one-column design.</summary>
    public static Contrast Default(DesignMatrix design)
    {
        if (design.ColumnCount != 1)
            throw AriException.For("contrast", $"the design has {design.ColumnCount} columns ({string.Join(", ", design.Columns)}); say which contrast to test (e.g. {design.Columns[^1]})");
        return FromRows(design.Columns[0], [[1.0]], design);
    }

    private static Contrast FromRows(string expression, double[][] rows, DesignMatrix design)
    {
        if (rows.Length == 0) throw AriException.For("contrast", $"'{expression}' has no rows");
        var matrix = new double[rows.Length, design.ColumnCount];
        for (int r = 0; r < rows.Length; r++)
        {
            if (rows[r].Length != design.ColumnCount)
                throw AriException.For("contrast", $"'{expression}' has {rows[r].Length} weights{(rows.Length > 1 ? $" in row {r + 1}" : "")}, the design has {design.ColumnCount} columns ({string.Join(", ", design.Columns)})");
            if (rows[r].Any(w => !double.IsFinite(w)))
                throw AriException.For("contrast", $"'{expression}': weights must be finite numbers");
            if (rows[r].All(w => w == 0))
                throw AriException.For("contrast", $"'{expression}' is null{(rows.Length > 1 ? $" in row {r + 1}" : "")} (all weights are zero)");
            for (int c = 0; c < design.ColumnCount; c++) matrix[r, c] = rows[r][c];
        }
        return new Contrast(expression, matrix, rows.Length == 1 ? StatType.T : StatType.F);
    }

    private static double[] ParseRow(string text, DesignMatrix design)
    {
        if (design.IndexOf(text) is int exact and >= 0)
        {
            var weights = new double[design.ColumnCount];
            weights[exact] = 1;
            return weights;
        }
        if (text.Contains(',') || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            var parts = text.Split(',', StringSplitOptions.TrimEntries);
            var weights = new double[parts.Length];
            for (int i = 0; i < parts.Length; i++)
                if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out weights[i]))
                    throw AriException.For("contrast", $"'{text}': '{parts[i]}' is not a number (a weight vector is written like 0,1,-1)");
            return weights;
        }
        return ContrastExpression.Parse(text, design.Columns);
    }
}
