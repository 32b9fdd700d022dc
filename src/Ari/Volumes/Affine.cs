namespace Ari.Volumes;

/// <summary>
/// A 4x4 affine transform whose last row is (0, 0, 0, 1), as NIfTI stores them:
/// voxel indices (i, j, k) to world millimetres (x, y, z). Row-major fields.
/// </summary>
/// <param name="M00">Row 0, column 0: x mm per step in i.</param>
/// <param name="M01">Row 0, column 1: x mm per step in j.</param>
/// <param name="M02">Row 0, column 2: x mm per step in k.</param>
/// <param name="M03">Row 0, column 3: x of voxel (0, 0, 0), mm.</param>
/// <param name="M10">Row 1, column 0: y mm per step in i.</param>
/// <param name="M11">Row 1, column 1: y mm per step in j.</param>
/// <param name="M12">Row 1, column 2: y mm per step in k.</param>
/// <param name="M13">Row 1, column 3: y of voxel (0, 0, 0), mm.</param>
/// <param name="M20">Row 2, column 0: z mm per step in i.</param>
/// <param name="M21">Row 2, column 1: z mm per step in j.</param>
/// <param name="M22">Row 2, column 2: z mm per step in k.</param>
/// <param name="M23">Row 2, column 3: z of voxel (0, 0, 0), mm.</param>
public readonly record struct Affine(
    double M00, double M01, double M02, double M03,
    double M10, double M11, double M12, double M13,
    double M20, double M21, double M22, double M23)
{
    /// <summary>The identity transform: voxel indices equal millimetres (1 mm isotropic, origin at voxel (0, 0, 0)).</summary>
    public static Affine Identity => new(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0);

    /// <summary>Diagonal voxel sizes with a translation: the usual axis-aligned grid.</summary>
    public static Affine FromScaleAndOffset(double sx, double sy, double sz, double ox = 0, double oy = 0, double oz = 0) =>
        new(sx, 0, 0, ox, 0, sy, 0, oy, 0, 0, sz, oz);

    /// <summary>From a 4x4 (or 3x4) row-major array.</summary>
    public static Affine FromRows(ReadOnlySpan<double> m)
    {
        if (m.Length is not (12 or 16))
            throw new ArgumentException("an affine needs 12 or 16 values, row-major", nameof(m));
        return new(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9], m[10], m[11]);
    }

    /// <summary>The 16 values, row-major, last row (0, 0, 0, 1).</summary>
    public double[] ToRows() => [M00, M01, M02, M03, M10, M11, M12, M13, M20, M21, M22, M23, 0, 0, 0, 1];

    /// <summary>Element (<paramref name="row"/>, <paramref name="column"/>) of the full 4x4 matrix, 0-based; row 3 is (0, 0, 0, 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index outside 0..3.</exception>
    public double this[int row, int column] => (row, column) switch
    {
        (0, 0) => M00, (0, 1) => M01, (0, 2) => M02, (0, 3) => M03,
        (1, 0) => M10, (1, 1) => M11, (1, 2) => M12, (1, 3) => M13,
        (2, 0) => M20, (2, 1) => M21, (2, 2) => M22, (2, 3) => M23,
        (3, 3) => 1.0,
        (3, >= 0 and < 3) => 0.0,
        _ => throw new ArgumentOutOfRangeException(nameof(row)),
    };

    /// <summary>Maps a point through the transform (voxel coordinates to millimetres for a NIfTI affine).</summary>
    public Point3 Apply(Point3 p) => Apply(p.X, p.Y, p.Z);

    /// <summary>Maps fractional voxel coordinates (<paramref name="i"/>, <paramref name="j"/>, <paramref name="k"/>) to world coordinates (mm): the product with (i, j, k, 1).</summary>
    public Point3 Apply(double i, double j, double k) => new(
        M00 * i + M01 * j + M02 * k + M03,
        M10 * i + M11 * j + M12 * k + M13,
        M20 * i + M21 * j + M22 * k + M23);

    /// <summary>The composition this * other (apply <paramref name="o"/> first).</summary>
    public Affine Multiply(Affine o) => new(
        M00 * o.M00 + M01 * o.M10 + M02 * o.M20, M00 * o.M01 + M01 * o.M11 + M02 * o.M21, M00 * o.M02 + M01 * o.M12 + M02 * o.M22, M00 * o.M03 + M01 * o.M13 + M02 * o.M23 + M03,
        M10 * o.M00 + M11 * o.M10 + M12 * o.M20, M10 * o.M01 + M11 * o.M11 + M12 * o.M21, M10 * o.M02 + M11 * o.M12 + M12 * o.M22, M10 * o.M03 + M11 * o.M13 + M12 * o.M23 + M13,
        M20 * o.M00 + M21 * o.M10 + M22 * o.M20, M20 * o.M01 + M21 * o.M11 + M22 * o.M21, M20 * o.M02 + M21 * o.M12 + M22 * o.M22, M20 * o.M03 + M21 * o.M13 + M22 * o.M23 + M23);

    /// <summary>Determinant of the 3x3 linear part.</summary>
    public double Determinant =>
        M00 * (M11 * M22 - M12 * M21) - M01 * (M10 * M22 - M12 * M20) + M02 * (M10 * M21 - M11 * M20);

    /// <summary>The inverse transform (world to voxel). Throws when the linear part is singular.</summary>
    public Affine Inverse()
    {
        double det = Determinant;
        if (det == 0 || !double.IsFinite(det))
            throw new InvalidOperationException("the affine's 3x3 part is singular");
        double inv = 1.0 / det;
        double a00 = (M11 * M22 - M12 * M21) * inv, a01 = (M02 * M21 - M01 * M22) * inv, a02 = (M01 * M12 - M02 * M11) * inv;
        double a10 = (M12 * M20 - M10 * M22) * inv, a11 = (M00 * M22 - M02 * M20) * inv, a12 = (M02 * M10 - M00 * M12) * inv;
        double a20 = (M10 * M21 - M11 * M20) * inv, a21 = (M01 * M20 - M00 * M21) * inv, a22 = (M00 * M11 - M01 * M10) * inv;
        return new(
            a00, a01, a02, -(a00 * M03 + a01 * M13 + a02 * M23),
            a10, a11, a12, -(a10 * M03 + a11 * M13 + a12 * M23),
            a20, a21, a22, -(a20 * M03 + a21 * M13 + a22 * M23));
    }

    /// <summary>Voxel sizes in mm: the norms of the first three columns (nibabel's voxel_sizes).</summary>
    public (double X, double Y, double Z) VoxelSizes => (
        Math.Sqrt(M00 * M00 + M10 * M10 + M20 * M20),
        Math.Sqrt(M01 * M01 + M11 * M11 + M21 * M21),
        Math.Sqrt(M02 * M02 + M12 * M12 + M22 * M22));

    /// <summary>numpy.allclose semantics: |a - b| &lt;= atol + rtol |b| for every element.</summary>
    public bool IsClose(Affine other, double rtol = 1e-5, double atol = 1e-8)
    {
        ReadOnlySpan<double> a = ToRows(), b = other.ToRows();
        for (int i = 0; i < 12; i++)
            if (!(Math.Abs(a[i] - b[i]) <= atol + rtol * Math.Abs(b[i])))
                return false;
        return true;
    }

    /// <summary>True when all 12 stored elements are finite (no NaN or infinity).</summary>
    public bool IsFinite
    {
        get
        {
            foreach (double v in ToRows())
                if (!double.IsFinite(v)) return false;
            return true;
        }
    }

    /// <summary>The 3x4 rows as text, numpy-like, six significant digits (for messages and logs).</summary>
    public override string ToString() =>
        FormattableString.Invariant($"[[{M00:G6} {M01:G6} {M02:G6} {M03:G6}] [{M10:G6} {M11:G6} {M12:G6} {M13:G6}] [{M20:G6} {M21:G6} {M22:G6} {M23:G6}]]");
}

/// <summary>A point in voxel or world (mm) coordinates.</summary>
/// <param name="X">First coordinate (i, or x in mm).</param>
/// <param name="Y">Second coordinate (j, or y in mm).</param>
/// <param name="Z">Third coordinate (k, or z in mm).</param>
public readonly record struct Point3(double X, double Y, double Z)
{
    /// <summary>The point as "(x, y, z)" with six significant digits.</summary>
    public override string ToString() => FormattableString.Invariant($"({X:G6}, {Y:G6}, {Z:G6})");

    /// <summary>
    /// The point rounded to whole units, "x, y, z" (halves away from zero; a coordinate that rounds to zero prints as 0,
    /// not -0), as tables print peaks and centres in mm.
    /// </summary>
    public string ToWholeString() => $"{Whole(X)}, {Whole(Y)}, {Whole(Z)}";

    private static string Whole(double v) =>
        (Math.Round(v, MidpointRounding.AwayFromZero) + 0.0).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
}
