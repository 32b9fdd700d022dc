namespace Ari.Inference.Calibration;

/// <summary>
/// The null distribution a calibration needs, kept small: for each of B permutations (sign flips) the K smallest
/// of its m p-values, sorted increasingly (sanssouci's <c>pval0</c> after <c>np.sort(axis=1)</c>, cut to its first
/// K columns; pARI's <c>pvalues</c> matrix transposed and sorted). Every pivotal statistic, learned template and
/// JER estimate with <c>k_max = K</c> reads only these columns, so B x K numbers replace B x m.
/// Rows are filled independently (<see cref="SetRow(int, ReadOnlySpan{double})"/> is safe to call in parallel for
/// distinct rows).
/// </summary>
public sealed class SortedNullPValues
{
    private readonly double[] _values;

    /// <param name="permutations">B, the number of rows (at least 1).</param>
    /// <param name="columns">K, the number of smallest p-values kept per permutation, 1..m.</param>
    /// <param name="hypotheses">m, the number of p-values of one permutation.</param>
    public SortedNullPValues(int permutations, int columns, int hypotheses)
    {
        if (hypotheses < 1) throw AriException.For("hypotheses", $"must be at least 1, not {hypotheses}");
        if (permutations < 1) throw AriException.For("permutations", $"must be at least 1, not {permutations}");
        if (columns < 1 || columns > hypotheses)
            throw AriException.For("kMax", $"must be between 1 and the number of hypotheses {hypotheses}, not {columns}");
        Permutations = permutations;
        Columns = columns;
        Hypotheses = hypotheses;
        _values = new double[checked((long)permutations * columns)];
    }

    /// <summary>B.</summary>
    public int Permutations { get; }

    /// <summary>K: the smallest p-values kept per permutation.</summary>
    public int Columns { get; }

    /// <summary>m: the p-values per permutation.</summary>
    public int Hypotheses { get; }

    /// <summary>Row b: its K smallest p-values, increasing.</summary>
    public ReadOnlySpan<double> Row(int b) => _values.AsSpan(b * Columns, Columns);

    /// <summary>Column k (0-based) of every row, copied (the (k+1)-th smallest p-value of each permutation).</summary>
    public double[] Column(int k)
    {
        var column = new double[Permutations];
        for (int b = 0; b < Permutations; b++) column[b] = _values[(long)b * Columns + k];
        return column;
    }

    /// <summary>Stores permutation b from its m p-values in any order (NaN counts as 1, as an untestable voxel).</summary>
    public void SetRow(int b, ReadOnlySpan<double> pValues)
    {
        if (pValues.Length != Hypotheses)
            throw AriException.For("pValues", $"permutation {b} has {pValues.Length} p-values, expected {Hypotheses}");
        var row = _values.AsSpan(b * Columns, Columns);
        SmallestSelection.Smallest(pValues, row, static p => double.IsNaN(p) ? 1.0 : p);
    }

    /// <summary>
    /// Stores permutation b from its m t statistics: the K most significant under <paramref name="pValues"/> are
    /// picked by their statistic and only those are turned into p-values (p is monotone in the statistic).
    /// </summary>
    public void SetRowFromStatistics<T>(int b, ReadOnlySpan<T> statistics, TStatisticPValues pValues)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (statistics.Length != Hypotheses)
            throw AriException.For("statistics", $"permutation {b} has {statistics.Length} values, expected {Hypotheses}");
        var row = _values.AsSpan(b * Columns, Columns);
        SmallestSelection.MostSignificant(statistics, row, pValues);
    }

    /// <summary>Stores permutation b from its p-values in rank order.</summary>
    internal void SetSortedRow(int b, RankedPValues ranked)
    {
        var row = _values.AsSpan(b * Columns, Columns);
        for (int k = 0; k < row.Length; k++) row[k] = ranked.At(k + 1);
    }

    /// <summary>The rows of several tables of the same K and m, put end to end (shards of one run, in order).</summary>
    public static SortedNullPValues Concatenate(IReadOnlyList<SortedNullPValues> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Count == 0) throw new ArgumentException("no blocks", nameof(blocks));
        var first = blocks[0];
        if (blocks.Any(b => b.Columns != first.Columns || b.Hypotheses != first.Hypotheses))
            throw AriException.For("blocks", "the tables keep different numbers of columns or hypotheses");
        var table = new SortedNullPValues(blocks.Sum(b => b.Permutations), first.Columns, first.Hypotheses);
        long at = 0;
        foreach (var block in blocks)
        {
            block._values.CopyTo(table._values.AsSpan((int)at));
            at += block._values.Length;
        }
        return table;
    }

    /// <summary>All rows, row-major (B x K), for writing.</summary>
    internal ReadOnlySpan<double> Values => _values;

    /// <summary>A table from row-major rows written by <see cref="Values"/> (each row sorted increasingly; checked).</summary>
    internal static SortedNullPValues FromValues(ReadOnlySpan<double> rowMajor, int permutations, int columns, int hypotheses)
    {
        var table = new SortedNullPValues(permutations, columns, hypotheses);
        if (rowMajor.Length != table._values.Length)
            throw AriException.For("values", $"{rowMajor.Length} values are not {permutations} x {columns}");
        rowMajor.CopyTo(table._values);
        for (int b = 0; b < permutations; b++)
        {
            var row = table.Row(b);
            for (int k = 0; k < columns; k++)
                if (!(row[k] >= 0 && row[k] <= 1) || (k > 0 && row[k] < row[k - 1]))
                    throw AriException.For("values", $"row {b} is not a sorted list of p-values");
        }
        return table;
    }

    /// <summary>Builds the table from a row-major B x m matrix of p-values.</summary>
    public static SortedNullPValues FromMatrix(ReadOnlySpan<double> rowMajor, int permutations, int hypotheses, int columns)
    {
        if (rowMajor.Length != (long)permutations * hypotheses)
            throw AriException.For("pValues", $"{rowMajor.Length} values are not {permutations} x {hypotheses}");
        var table = new SortedNullPValues(permutations, columns, hypotheses);
        for (int b = 0; b < permutations; b++) table.SetRow(b, rowMajor.Slice(b * hypotheses, hypotheses));
        return table;
    }
}
