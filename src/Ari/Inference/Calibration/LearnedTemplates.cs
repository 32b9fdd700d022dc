namespace Ari.Inference.Calibration;

/// <summary>
/// Notip's learned templates (Blain, Thirion &amp; Neuvial 2022): from B' training permutations, each sorted
/// increasingly, the column-wise sort (<c>np.sort(pval0, axis=0)</c>): row j holds, for every k, the (j+1)-th
/// smallest over the training permutations of their k-th smallest p-value. Rows are non-decreasing in k and the
/// rows are ordered (row j &lt;= row j + 1 elementwise), so a larger row index is a larger (less conservative) template.
/// Only the first K columns are kept.
/// </summary>
public sealed class LearnedTemplates
{
    private readonly double[] _values;

    private LearnedTemplates(double[] values, int count, int columns, int hypotheses)
    {
        _values = values;
        Count = count;
        Columns = columns;
        Hypotheses = hypotheses;
    }

    /// <summary>B', the number of templates (training permutations).</summary>
    public int Count { get; }

    /// <summary>K.</summary>
    public int Columns { get; }

    /// <summary>m of the training data.</summary>
    public int Hypotheses { get; }

    /// <summary>Template j (0-based), K values.</summary>
    public ReadOnlySpan<double> Row(int j) => _values.AsSpan(j * Columns, Columns);

    /// <summary>Sorts each column of the training permutations' smallest p-values.</summary>
    public static LearnedTemplates FromTraining(SortedNullPValues training)
    {
        int count = training.Permutations, columns = training.Columns;
        var values = new double[(long)count * columns];
        Parallel.For(0, columns, k =>
        {
            var column = training.Column(k);
            Array.Sort(column);
            for (int j = 0; j < count; j++) values[(long)j * columns + k] = column[j];
        });
        return new LearnedTemplates(values, count, columns, training.Hypotheses);
    }
}
