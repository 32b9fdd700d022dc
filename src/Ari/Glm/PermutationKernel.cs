using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;

namespace Ari.Glm;

/// <summary>
/// t statistics of one tested variate for many re-assignments at once, as matrix products, in nilearn
/// 0.10.3's parametrisation (permuted_ols): every voxel's data is scaled to unit norm, residualised on the
/// orthonormalised confounds Z and scaled to unit norm again (y_r); the tested variate likewise (x_r).
/// For a re-assignment given as weight rows w (the re-assigned x_r) and u_j (the re-assigned columns of Z),
/// b = wᵀy_r, a² = Σ_j (u_jᵀy_r)², and t = b √((n - k - 1) / (1 - a² - b²)), k = columns of Z.
/// Sign flips give w = s∘x_r, u_j = s∘z_j; row orders give w = x_r[Q], u_j = z_j[Q].
/// <para>
/// The products run over voxel blocks in parallel with a 4-row by 8-voxel register tile (fused multiply-adds over
/// the subjects in order), so a (re-assignment, voxel) value never depends on the batch it is computed in.
/// Data are kept once (n x V float64); memory is that plus the caller's batch of t maps.
/// </para>
/// </summary>
public sealed class PermutationKernel
{
    private const int Block = 256;
    private readonly double[] _y;        // n x padded voxels, row-major
    private readonly int _stride;

    /// <param name="data">The masked maps (n x V).</param>
    /// <param name="tested">The tested variate (n values).</param>
    /// <param name="confounds">Confound columns (each n values; may be empty).</param>
    public PermutationKernel(PermutationData data, ReadOnlySpan<double> tested, IReadOnlyList<double[]> confounds)
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = data.SubjectCount, v = data.VoxelCount;
        if (tested.Length != n) throw new ArgumentException($"{tested.Length} tested values for {n} maps", nameof(tested));
        SubjectCount = n;
        VoxelCount = v;
        _stride = (v + Block - 1) / Block * Block;
        Confounds = Orthonormalize(confounds, n);
        int k = Confounds.Length;
        Dof = n - k;

        // x_r: normalise, residualise on Z, normalise (nilearn's order of operations).
        var x = tested.ToArray();
        Normalize(x);
        Residualize(x, Confounds);
        Normalize(x);
        ResidualTested = x;

        _y = new double[(long)n * _stride];
        var source = data.Values;
        var z = Confounds;
        Parallel.For(0, (v + 1023) / 1024, () => new double[n], (chunk, _, column) =>
        {
            int end = Math.Min(v, (chunk + 1) * 1024);
            for (int voxel = chunk * 1024; voxel < end; voxel++)
            {
                for (int i = 0; i < n; i++) column[i] = source[(long)i * v + voxel];
                Normalize(column);
                if (z.Length > 0)
                {
                    Residualize(column, z);
                    Normalize(column);
                }
                for (int i = 0; i < n; i++) _y[(long)i * _stride + voxel] = column[i];
            }
            return column;
        }, _ => { });
    }

    /// <summary>n: the number of maps (subjects).</summary>
    public int SubjectCount { get; }
    /// <summary>V: the in-mask voxels of every t map.</summary>
    public int VoxelCount { get; }

    /// <summary>n minus the confound columns kept: the t has Dof - 1 degrees of freedom.</summary>
    public int Dof { get; }

    /// <summary>x_r: the tested variate scaled, residualised on the confounds and scaled again.</summary>
    public double[] ResidualTested { get; }

    /// <summary>An orthonormal basis of the confounds (k columns of n values; SVD, singular values above 1e-12 kept).</summary>
    public double[][] Confounds { get; }

    /// <summary>Weight rows per re-assignment: 1 + k (the tested variate, then each confound column).</summary>
    public int RowsPerAssignment => 1 + Confounds.Length;

    /// <summary>
    /// t maps of <paramref name="count"/> re-assignments. <paramref name="weights"/> holds, per re-assignment,
    /// <see cref="RowsPerAssignment"/> rows of n values (the re-assigned x_r, then the re-assigned Z columns);
    /// <paramref name="t"/> receives count rows of V values. Runs on all cores.
    /// </summary>
    public void ComputeT(ReadOnlySpan<double> weights, int count, double[] t)
    {
        int n = SubjectCount, v = VoxelCount, per = RowsPerAssignment;
        if (weights.Length < count * per * n) throw new ArgumentException("too few weights", nameof(weights));
        if (t.Length < (long)count * v) throw new ArgumentException("too small a t buffer", nameof(t));
        int rows = count * per;
        int paddedRows = (rows + 3) / 4 * 4;
        var w = new double[paddedRows * n];
        weights[..(rows * n)].CopyTo(w);
        var output = t;
        int blocks = _stride / Block;
        double scale = Dof - 1.0;
        Parallel.For(0, blocks, () => new double[paddedRows * Block], (block, _, scratch) =>
        {
            int v0 = block * Block;
            Products(w, paddedRows, v0, scratch);
            int end = Math.Min(Block, v - v0);
            for (int p = 0; p < count; p++)
            {
                var row = output.AsSpan((int)((long)p * v) + v0, Math.Max(0, end));
                int r0 = p * per * Block;
                for (int q = 0; q < end; q++)
                {
                    double b = scratch[r0 + q];
                    double a2 = 0;
                    for (int j = 1; j < per; j++)
                    {
                        double u = scratch[r0 + j * Block + q];
                        a2 += u * u;
                    }
                    double rss = per == 1 ? 1 - b * b : 1 - a2 - b * b;
                    row[q] = b * Math.Sqrt(scale / rss);
                }
            }
            return scratch;
        }, _ => { });
    }

    /// <summary>The t map of the identity assignment (the observed statistic).</summary>
    public double[] ObservedT()
    {
        int n = SubjectCount, per = RowsPerAssignment;
        var weights = new double[per * n];
        ResidualTested.CopyTo(weights, 0);
        for (int j = 0; j < Confounds.Length; j++) Confounds[j].CopyTo(weights, (1 + j) * n);
        var t = new double[VoxelCount];
        ComputeT(weights, 1, t);
        return t;
    }

    /// <summary>scratch[r * Block + q] = Σ_i w[r, i] y[i, v0 + q] for all (padded) rows r and the block's voxels.</summary>
    private unsafe void Products(double[] w, int rows, int v0, double[] scratch)
    {
        int n = SubjectCount;
        long stride = _stride;
        fixed (double* wp = w, yp = _y, sp = scratch)
        {
            for (int r = 0; r < rows; r += 4)
            {
                double* w0 = wp + r * n, w1 = w0 + n, w2 = w1 + n, w3 = w2 + n;
                for (int q = 0; q < Block; q += 8)
                {
                    var a00 = Vector256<double>.Zero; var a01 = Vector256<double>.Zero;
                    var a10 = Vector256<double>.Zero; var a11 = Vector256<double>.Zero;
                    var a20 = Vector256<double>.Zero; var a21 = Vector256<double>.Zero;
                    var a30 = Vector256<double>.Zero; var a31 = Vector256<double>.Zero;
                    double* y = yp + v0 + q;
                    for (int i = 0; i < n; i++, y += stride)
                    {
                        var y0 = Vector256.Load(y);
                        var y1 = Vector256.Load(y + 4);
                        var b0 = Vector256.Create(w0[i]);
                        a00 = Vector256.FusedMultiplyAdd(b0, y0, a00); a01 = Vector256.FusedMultiplyAdd(b0, y1, a01);
                        var b1 = Vector256.Create(w1[i]);
                        a10 = Vector256.FusedMultiplyAdd(b1, y0, a10); a11 = Vector256.FusedMultiplyAdd(b1, y1, a11);
                        var b2 = Vector256.Create(w2[i]);
                        a20 = Vector256.FusedMultiplyAdd(b2, y0, a20); a21 = Vector256.FusedMultiplyAdd(b2, y1, a21);
                        var b3 = Vector256.Create(w3[i]);
                        a30 = Vector256.FusedMultiplyAdd(b3, y0, a30); a31 = Vector256.FusedMultiplyAdd(b3, y1, a31);
                    }
                    double* s = sp + r * Block + q;
                    a00.Store(s); a01.Store(s + 4);
                    a10.Store(s + Block); a11.Store(s + Block + 4);
                    a20.Store(s + 2 * Block); a21.Store(s + 2 * Block + 4);
                    a30.Store(s + 3 * Block); a31.Store(s + 3 * Block + 4);
                }
            }
        }
    }

    private static double[][] Orthonormalize(IReadOnlyList<double[]> columns, int n)
    {
        if (columns.Count == 0) return [];
        var m = Matrix<double>.Build.Dense(n, columns.Count, (r, c) => columns[c][r]);
        var svd = m.Svd(computeVectors: true);
        var result = new List<double[]>();
        for (int c = 0; c < Math.Min(n, columns.Count); c++)
            if (svd.S[c] > 1e-12) result.Add(svd.U.Column(c).ToArray());
        return [.. result];
    }

    private static void Normalize(Span<double> values)
    {
        double sum = 0;
        foreach (double x in values) sum += x * x;
        double norm = Math.Sqrt(sum);
        if (norm == 0 || !double.IsFinite(norm)) { values.Clear(); return; }
        for (int i = 0; i < values.Length; i++) values[i] /= norm;
    }

    private static void Residualize(Span<double> values, double[][] basis)
    {
        foreach (var q in basis)
        {
            double dot = 0;
            for (int i = 0; i < values.Length; i++) dot += q[i] * values[i];
            for (int i = 0; i < values.Length; i++) values[i] -= dot * q[i];
        }
    }
}
