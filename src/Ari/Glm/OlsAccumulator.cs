using Ari.Imaging;
using System.Numerics;
using System.Numerics.Tensors;

namespace Ari.Glm;

/// <summary>
/// Ordinary least squares for many voxels at once from maps that arrive one at a time (map i = row i of the
/// design), keeping only sufficient statistics per voxel, so memory does not grow with the number of maps:
/// <list type="bullet">
/// <item>β = X⁺y accumulated as Σ_i X⁺[:, i] y_i (nilearn's np.dot(pinv(X), Y));</item>
/// <item>the residual sum of squares by Givens rotations against an orthonormal basis of X's columns
/// (recursive residuals: orthogonal transformations only, so no cancellation as in yᵀy - β'XᵀXβ);</item>
/// <item>the sum of the raw maps, for the mean image the mask is computed from (NaN where any map is NaN).</item>
/// </list>
/// Non-finite values of the fitted maps count as 0, as in nilearn's masker (apply_mask with ensure_finite).
/// Shards accumulate their rows alone (<see cref="OlsAccumulator(OlsDesign, int, int, int)"/>); their
/// <see cref="OlsStatistics"/> merge exactly.
/// The rotation coefficients of a row depend on the design only: they are computed once per map,
/// then applied to every voxel in parallel, vectorised.
/// </summary>
internal sealed class OlsAccumulator
{
    private const int Slab = 2048;

    private readonly OlsDesign _design;
    private readonly int _voxels;
    private readonly int _firstRow;
    private readonly OlsStatistics _statistics;
    private int _rows;

    /// <summary>An accumulator for every row of the design.</summary>
    public OlsAccumulator(OlsDesign design, int voxels) : this(design, voxels, 0, design.RowCount) { }

    /// <summary>An accumulator for the design rows <paramref name="firstRow"/> .. + <paramref name="rowCount"/> (a shard).</summary>
    public OlsAccumulator(OlsDesign design, int voxels, int firstRow, int rowCount)
    {
        if (firstRow < 0 || rowCount < 0 || firstRow + rowCount > design.RowCount)
            throw new ArgumentOutOfRangeException(nameof(firstRow), $"rows {firstRow}..{firstRow + rowCount} of a design of {design.RowCount}");
        _design = design;
        _voxels = voxels;
        _firstRow = firstRow;
        _statistics = new OlsStatistics(design.ColumnCount, design.ColumnBasis.GetLength(1), voxels, 0);
        RowsExpected = rowCount;
    }

    public int RowsAdded => _rows;

    /// <summary>How many maps this accumulator takes.</summary>
    public int RowsExpected { get; }

    /// <summary>The sufficient statistics of the rows added so far (live: later additions change them).</summary>
    public OlsStatistics Statistics => _statistics;

    /// <summary>Bytes held per voxel (for memory estimates).</summary>
    public static long BytesPerVoxel(OlsDesign design) => OlsStatistics.BytesPerVoxel(design);

    /// <summary>
    /// Adds the next <paramref name="count"/> maps in order. Each slab of voxels takes all of them while its
    /// statistics are in cache, so memory traffic is paid once per batch rather than once per map.
    /// </summary>
    public void AddBatch<T>(IReadOnlyList<T[]> raw, IReadOnlyList<T[]> values, int count) where T : unmanaged, INumberBase<T>
    {
        if (_rows + count > RowsExpected)
            throw new InvalidOperationException($"the design has {RowsExpected} rows; {_rows + count} maps were added");
        int p = _design.ColumnCount, k = _design.ColumnBasis.GetLength(1);
        var weights = new double[count][];
        var cosines = new double[count][];
        var sines = new double[count][];
        for (int b = 0; b < count; b++)
        {
            if (raw[b].Length != _voxels || values[b].Length != _voxels)
                throw new ArgumentException($"maps must have {_voxels} voxels");
            int row = _firstRow + _rows + b;
            weights[b] = new double[p];
            for (int c = 0; c < p; c++) weights[b][c] = _design.PseudoInverse[c, row];
            var x = new double[k];
            for (int j = 0; j < k; j++) x[j] = _design.ColumnBasis[row, j];
            cosines[b] = new double[k];
            sines[b] = new double[k];
            GivensRotations.Fold(_statistics.Triangle, x, cosines[b], sines[b]);
        }

        var betas = _statistics.Beta;
        var rotated = _statistics.Rotated;
        var sums = _statistics.Sum;
        var residuals = _statistics.Rss;
        int slabs = (_voxels + Slab - 1) / Slab;
        Parallel.For(0, slabs, () => new double[2 * Slab], (s, _, scratch) =>
        {
            int start = s * Slab, length = Math.Min(Slab, _voxels - start);
            var y = scratch.AsSpan(0, length);
            var t = scratch.AsSpan(Slab, length);
            var sum = sums.AsSpan(start, length);
            var rss = residuals.AsSpan(start, length);
            for (int b = 0; b < count; b++)
            {
                Widen(raw[b].AsSpan(start, length), y);
                TensorPrimitives.Add(sum, y, sum);
                if (!ReferenceEquals(values[b], raw[b])) Widen(values[b].AsSpan(start, length), y);
                NonFinite.ToZero(y); // nilearn's masker: non-finite values become 0 in the fitted data
                for (int c = 0; c < p; c++)
                {
                    var beta = betas[c].AsSpan(start, length);
                    TensorPrimitives.MultiplyAdd(y, weights[b][c], beta, beta);
                }
                y.CopyTo(t);
                for (int j = 0; j < cosines[b].Length; j++)
                    if (sines[b][j] != 0 || cosines[b][j] != 1)
                        GivensRotations.Rotate(rotated[j].AsSpan(start, length), t, cosines[b][j], sines[b][j]);
                TensorPrimitives.MultiplyAdd(t, t, rss, rss);
            }
            return scratch;
        }, _ => { });
        _rows += count;
        _statistics.RowCount = _rows;
    }

    /// <summary>Per-voxel results for the given voxels: β (p arrays) and the residual sum of squares.</summary>
    public (double[][] Beta, double[] Rss) Results(ReadOnlySpan<int> voxels)
    {
        if (_rows != _design.RowCount)
            throw new InvalidOperationException($"{_rows} of {_design.RowCount} maps have been added");
        return _statistics.Results(voxels);
    }

    /// <summary>The voxel-wise mean of the raw maps (NaN where any map is NaN).</summary>
    public double[] Mean() => _statistics.Mean();

    private static void Widen<T>(ReadOnlySpan<T> source, Span<double> destination) where T : unmanaged, INumberBase<T>
    {
        if (typeof(T) == typeof(float))
            TensorPrimitives.ConvertChecked(System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(source), destination);
        else if (typeof(T) == typeof(double))
            System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(source).CopyTo(destination);
        else
            for (int i = 0; i < source.Length; i++) destination[i] = double.CreateTruncating(source[i]);
    }
}
