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
/// <list type="bullet">
/// </list>
/// The rotation coefficients of a row depend on the design only: they are computed once per map,
/// then applied to every voxel in parallel, vectorised.
/// </summary>
internal sealed class OlsAccumulator
{
    private const int Slab = 2048;

    private readonly OlsDesign _design;
    private readonly int _voxels;
    private readonly double[][] _beta;      // p arrays of voxels
    private readonly double[][] _rotated;   // k arrays of voxels: Qᵀy projected on the basis (rotated so far)
    private readonly double[] _rss;
    private readonly double[] _sum;
    private readonly double[,] _triangle;   // k x k, the R of the basis rows seen so far
    private int _rows;

    public OlsAccumulator(OlsDesign design, int voxels)
    {
        _design = design;
        _voxels = voxels;
        int p = design.ColumnCount, k = design.ColumnBasis.GetLength(1);
        _beta = Enumerable.Range(0, p).Select(_ => new double[voxels]).ToArray();
        _rotated = Enumerable.Range(0, k).Select(_ => new double[voxels]).ToArray();
        _rss = new double[voxels];
        _sum = new double[voxels];
        _triangle = new double[k, k];
    }

    public int RowsAdded => _rows;

    /// <summary>Bytes held per voxel (for memory estimates).</summary>
    public static long BytesPerVoxel(OlsDesign design) => 8L * (design.ColumnCount + design.ColumnBasis.GetLength(1) + 2);

    /// <summary>
    /// Adds the next <paramref name="count"/> maps in order. Each slab of voxels takes all of them while its
    /// statistics are in cache, so memory traffic is paid once per batch rather than once per map.
    /// </summary>
    public void AddBatch<T>(IReadOnlyList<T[]> raw, IReadOnlyList<T[]> values, int count) where T : unmanaged, INumberBase<T>
    {
        if (_rows + count > _design.RowCount)
            throw new InvalidOperationException($"the design has {_design.RowCount} rows; {_rows + count} maps were added");
        int p = _design.ColumnCount;
        var weights = new double[count][];
        var cosines = new double[count][];
        var sines = new double[count][];
        for (int b = 0; b < count; b++)
        {
            if (raw[b].Length != _voxels || values[b].Length != _voxels)
                throw new ArgumentException($"maps must have {_voxels} voxels");
            weights[b] = new double[p];
            for (int c = 0; c < p; c++) weights[b][c] = _design.PseudoInverse[c, _rows + b];
            (cosines[b], sines[b]) = NextRotations(_rows + b);
        }

        int slabs = (_voxels + Slab - 1) / Slab;
        Parallel.For(0, slabs, () => new double[2 * Slab], (s, _, scratch) =>
        {
            int start = s * Slab, length = Math.Min(Slab, _voxels - start);
            var y = scratch.AsSpan(0, length);
            var t = scratch.AsSpan(Slab, length);
            var sum = _sum.AsSpan(start, length);
            var rss = _rss.AsSpan(start, length);
            for (int b = 0; b < count; b++)
            {
                Widen(raw[b].AsSpan(start, length), y);
                TensorPrimitives.Add(sum, y, sum);
                if (!ReferenceEquals(values[b], raw[b])) Widen(values[b].AsSpan(start, length), y);
                NonFinite.ToZero(y); // nilearn's masker: non-finite values become 0 in the fitted data
                for (int c = 0; c < p; c++)
                {
                    var beta = _beta[c].AsSpan(start, length);
                    TensorPrimitives.MultiplyAdd(y, weights[b][c], beta, beta);
                }
                y.CopyTo(t);
                for (int j = 0; j < cosines[b].Length; j++)
                    if (sines[b][j] != 0 || cosines[b][j] != 1)
                        Rotate(_rotated[j].AsSpan(start, length), t, cosines[b][j], sines[b][j]);
                TensorPrimitives.MultiplyAdd(t, t, rss, rss);
            }
            return scratch;
        }, _ => { });
        _rows += count;
    }

    /// <summary>Per-voxel results for the given voxels: β (p arrays) and the residual sum of squares.</summary>
    public (double[][] Beta, double[] Rss) Results(ReadOnlySpan<int> voxels)
    {
        if (_rows != _design.RowCount)
            throw new InvalidOperationException($"{_rows} of {_design.RowCount} maps have been added");
        int count = voxels.Length;
        var beta = _beta.Select(_ => new double[count]).ToArray();
        var rss = new double[voxels.Length];
        for (int n = 0; n < voxels.Length; n++)
        {
            int v = voxels[n];
            for (int c = 0; c < beta.Length; c++) beta[c][n] = _beta[c][v];
            rss[n] = _rss[v];
        }
        return (beta, rss);
    }

    /// <summary>The voxel-wise mean of the raw maps (NaN where any map is NaN).</summary>
    public double[] Mean()
    {
        var mean = new double[_voxels];
        TensorPrimitives.Divide(_sum, _rows, mean);
        return mean;
    }

    /// <summary>
    /// Givens rotations that fold basis row <paramref name="row"/> into the triangle: for each j the (c, s) that
    /// zero the row's j-th entry against the diagonal. Returns (1, 0) where nothing is to be done.
    /// </summary>
    private (double[] Cosines, double[] Sines) NextRotations(int row)
    {
        int k = _triangle.GetLength(0);
        var basis = _design.ColumnBasis;
        var x = new double[k];
        for (int j = 0; j < k; j++) x[j] = basis[row, j];
        var cosines = new double[k];
        var sines = new double[k];
        for (int j = 0; j < k; j++)
        {
            cosines[j] = 1;
            if (x[j] == 0) continue;
            double diagonal = _triangle[j, j];
            double radius = double.Hypot(diagonal, x[j]);
            double c = diagonal / radius, s = x[j] / radius;
            cosines[j] = c;
            sines[j] = s;
            _triangle[j, j] = radius;
            x[j] = 0;
            for (int m = j + 1; m < k; m++)
            {
                double top = _triangle[j, m];
                _triangle[j, m] = c * top + s * x[m];
                x[m] = -s * top + c * x[m];
            }
        }
        return (cosines, sines);
    }

    /// <summary>(z, t) ← (c z + s t, -s z + c t), element-wise.</summary>
    private static void Rotate(Span<double> z, Span<double> t, double c, double s)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vc = new Vector<double>(c);
            var vs = new Vector<double>(s);
            for (; i <= z.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var zi = new Vector<double>(z[i..]);
                var ti = new Vector<double>(t[i..]);
                (vc * zi + vs * ti).CopyTo(z[i..]);
                (vc * ti - vs * zi).CopyTo(t[i..]);
            }
        }
        for (; i < z.Length; i++)
        {
            double zi = z[i], ti = t[i];
            z[i] = c * zi + s * ti;
            t[i] = c * ti - s * zi;
        }
    }

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
