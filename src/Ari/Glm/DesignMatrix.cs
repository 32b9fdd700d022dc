namespace Ari.Glm;

/// <summary>
/// A second-level design matrix: one row per input map, one named column per regressor (nilearn's design
/// DataFrame). Immutable; values are stored row-major.
/// </summary>
public sealed class DesignMatrix
{
    private readonly double[] _values;

    /// <param name="columns">Column names, distinct.</param>
    /// <param name="values">Row-major values, rows x columns.</param>
    public DesignMatrix(IReadOnlyList<string> columns, double[,] values)
        : this(columns, Flatten(values), values.GetLength(0)) { }

    private DesignMatrix(IReadOnlyList<string> columns, double[] rowMajor, int rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("a design needs at least one column", nameof(columns));
        if (rows < 1) throw new ArgumentException("a design needs at least one row", nameof(rowMajor));
        if (rowMajor.Length != rows * columns.Count)
            throw new ArgumentException($"{rowMajor.Length} values for {rows} rows x {columns.Count} columns", nameof(rowMajor));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in columns)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("design column names cannot be empty", nameof(columns));
            if (!seen.Add(name)) throw new ArgumentException($"design column '{name}' appears twice", nameof(columns));
        }
        for (int i = 0; i < rowMajor.Length; i++)
            if (!double.IsFinite(rowMajor[i]))
                throw new ArgumentException($"design value in row {i / columns.Count + 1}, column '{columns[i % columns.Count]}' is not finite", nameof(rowMajor));
        Columns = columns.ToArray();
        RowCount = rows;
        _values = rowMajor;
    }

    /// <summary>The one-sample design: a single column "intercept" of ones.</summary>
    public static DesignMatrix Intercept(int rows) =>
        new(["intercept"], Enumerable.Repeat(1.0, rows).ToArray(), rows);

    /// <summary>A design from named columns of equal length, e.g. ("intercept", ones), ("age", ages).</summary>
    public static DesignMatrix FromColumns(params (string Name, double[] Values)[] columns)
    {
        if (columns.Length == 0) throw new ArgumentException("a design needs at least one column", nameof(columns));
        int rows = columns[0].Values.Length;
        var values = new double[rows * columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            if (columns[c].Values.Length != rows)
                throw new ArgumentException($"column '{columns[c].Name}' has {columns[c].Values.Length} values, the first column {rows}", nameof(columns));
            for (int r = 0; r < rows; r++) values[r * columns.Length + c] = columns[c].Values[r];
        }
        return new DesignMatrix(columns.Select(c => c.Name).ToArray(), values, rows);
    }

    /// <summary>Column (regressor) names, distinct, in column order.</summary>
    public IReadOnlyList<string> Columns { get; }
    /// <summary>Number of rows: one per input map.</summary>
    public int RowCount { get; }
    /// <summary>Number of columns (regressors).</summary>
    public int ColumnCount => Columns.Count;

    /// <summary>The value at 0-based <paramref name="row"/> and <paramref name="column"/>.</summary>
    public double this[int row, int column] => _values[row * Columns.Count + column];

    /// <summary>Index of a column by exact name, or -1.</summary>
    public int IndexOf(string column)
    {
        for (int c = 0; c < Columns.Count; c++)
            if (string.Equals(Columns[c], column, StringComparison.Ordinal)) return c;
        return -1;
    }

    /// <summary>A copy of one column's values.</summary>
    public double[] Column(string name)
    {
        int c = IndexOf(name);
        if (c < 0) throw new ArgumentException($"the design has no column '{name}' (columns: {string.Join(", ", Columns)})", nameof(name));
        return Column(c);
    }

    /// <summary>A copy of the values of the column at 0-based <paramref name="index"/>.</summary>
    public double[] Column(int index)
    {
        var values = new double[RowCount];
        for (int r = 0; r < RowCount; r++) values[r] = this[r, index];
        return values;
    }

    /// <summary>A copy of the values as a rows x columns array.</summary>
    public double[,] ToArray()
    {
        var result = new double[RowCount, ColumnCount];
        for (int r = 0; r < RowCount; r++)
            for (int c = 0; c < ColumnCount; c++) result[r, c] = this[r, c];
        return result;
    }

    /// <summary>This design with a column of ones named "intercept" prepended.</summary>
    public DesignMatrix WithIntercept()
    {
        if (IndexOf("intercept") >= 0) throw new InvalidOperationException("the design already has a column named 'intercept'");
        return FromColumns([("intercept", Enumerable.Repeat(1.0, RowCount).ToArray()), .. Columns.Select((n, c) => (n, Column(c)))]);
    }

    /// <summary>The rows in a new order: row r of the result is row <paramref name="order"/>[r] of this design.</summary>
    public DesignMatrix SelectRows(IReadOnlyList<int> order)
    {
        var values = new double[order.Count * ColumnCount];
        for (int r = 0; r < order.Count; r++)
            for (int c = 0; c < ColumnCount; c++) values[r * ColumnCount + c] = this[order[r], c];
        return new DesignMatrix(Columns, values, order.Count);
    }

    private static double[] Flatten(double[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int rows = values.GetLength(0), cols = values.GetLength(1);
        var flat = new double[rows * cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) flat[r * cols + c] = values[r, c];
        return flat;
    }
}
