using Ari.Imaging;

namespace Ari.Nifti;

/// <summary>
/// nibabel's rules from header fields to an affine, and back (qform from an affine for writing).
/// </summary>
internal static class NiftiAffines
{
    /// <summary>nibabel's quaternion_threshold: 3 float32 epsilons.</summary>
    private const double QuaternionThreshold = 3 * 1.1920928955078125e-07;

    public static Affine Best(NiftiHeader h)
    {
        if (h.SformCode != 0) return Sform(h);
        if (h.QformCode != 0) return Qform(h);
        return Base(h);
    }

    public static Affine Sform(NiftiHeader h) => new(
        h.SrowX[0], h.SrowX[1], h.SrowX[2], h.SrowX[3],
        h.SrowY[0], h.SrowY[1], h.SrowY[2], h.SrowY[3],
        h.SrowZ[0], h.SrowZ[1], h.SrowZ[2], h.SrowZ[3]);

    /// <summary>The qform affine: rotation from the unit quaternion (b, c, d), voxel sizes with qfac on z, qoffset.</summary>
    public static Affine Qform(NiftiHeader h)
    {
        double b = h.QuaternB, c = h.QuaternC, d = h.QuaternD;
        double w2 = 1.0 - (b * b + c * c + d * d);
        double a;
        if (!double.IsFinite(w2))
            throw new ArgumentException(FormattableString.Invariant($"the quaternion (b, c, d) = ({b:G7}, {c:G7}, {d:G7}) is not finite"));
        if (w2 < 0)
        {
            if (w2 < -QuaternionThreshold)
                throw new ArgumentException(FormattableString.Invariant($"the quaternion (b, c, d) = ({b:G7}, {c:G7}, {d:G7}) has a norm above 1 (b² + c² + d² = {1 - w2:G6})"));
            a = 0;
        }
        else a = Math.Sqrt(w2);

        var (r00, r01, r02, r10, r11, r12, r20, r21, r22) = QuaternionToMatrix(a, b, c, d);
        double vx = h.PixDim[1], vy = h.PixDim[2], vz = h.PixDim[3];
        // Headers read from files have had pixdim repaired as nibabel does (0 -> 1, negative -> absolute value).
        vx = Math.Abs(vx); vy = Math.Abs(vy); vz = Math.Abs(vz);
        // nibabel fixes a qfac other than -1 or 1 to 1 when it loads a header.
        double qfac = h.PixDim[0] == -1 ? -1 : 1;
        vz *= qfac;
        return new(
            r00 * vx, r01 * vy, r02 * vz, h.QoffsetX,
            r10 * vx, r11 * vy, r12 * vz, h.QoffsetY,
            r20 * vx, r21 * vy, r22 * vz, h.QoffsetZ);
    }

    /// <summary>nibabel's fall-back (get_base_affine): voxel sizes, x flipped, origin at the centre of the grid.</summary>
    public static Affine Base(NiftiHeader h)
    {
        double sx = -Zoom(h, 1), sy = Zoom(h, 2), sz = Zoom(h, 3);
        double ox = (h.Size(1) - 1) / 2.0, oy = (h.Size(2) - 1) / 2.0, oz = (h.Size(3) - 1) / 2.0;
        return Affine.FromScaleAndOffset(sx, sy, sz, -ox * sx, -oy * sy, -oz * sz);
    }

    private static double Zoom(NiftiHeader h, int axis) => axis <= h.NDim ? h.PixDim[axis] : 1.0;

    private static (double, double, double, double, double, double, double, double, double) QuaternionToMatrix(double w, double x, double y, double z)
    {
        double n = w * w + x * x + y * y + z * z;
        if (n < 2.220446049250313e-16)
            return (1, 0, 0, 0, 1, 0, 0, 0, 1);
        double s = 2.0 / n;
        double X = x * s, Y = y * s, Z = z * s;
        double wX = w * X, wY = w * Y, wZ = w * Z;
        double xX = x * X, xY = x * Y, xZ = x * Z;
        double yY = y * Y, yZ = y * Z, zZ = z * Z;
        return (1.0 - (yY + zZ), xY - wZ, xZ + wY,
                xY + wZ, 1.0 - (xX + zZ), yZ - wX,
                xZ - wY, yZ + wX, 1.0 - (xX + yY));
    }

    /// <summary>
    /// qform fields that represent an affine as nearly as a rotation, voxel sizes and qfac can
    /// (nibabel's set_qform with strip_shears): zooms from column norms, the nearest rotation by polar decomposition.
    /// </summary>
    public static (double B, double C, double D, double Qfac, double Zx, double Zy, double Zz) ToQuaternion(Affine affine)
    {
        var (zx, zy, zz) = affine.VoxelSizes;
        if (zx == 0 || zy == 0 || zz == 0)
            throw new ArgumentException("the affine has a zero voxel size", nameof(affine));
        var r = new double[3, 3];
        for (int row = 0; row < 3; row++)
        {
            r[row, 0] = affine[row, 0] / zx;
            r[row, 1] = affine[row, 1] / zy;
            r[row, 2] = affine[row, 2] / zz;
        }
        double det = Det(r);
        double qfac = 1;
        if (det < 0)
        {
            qfac = -1;
            for (int row = 0; row < 3; row++) r[row, 2] = -r[row, 2];
        }
        NearestRotation(r);
        var (w, x, y, z) = MatrixToQuaternion(r);
        if (w < 0) { x = -x; y = -y; z = -z; }
        return (x, y, z, qfac, zx, zy, zz);
    }

    private static double Det(double[,] m) =>
        m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1]) - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0]) + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);

    /// <summary>Polar decomposition by Newton iteration R = (R + R^-T) / 2: the orthogonal factor.</summary>
    private static void NearestRotation(double[,] r)
    {
        for (int iteration = 0; iteration < 100; iteration++)
        {
            double det = Det(r);
            if (Math.Abs(det) < 1e-300) return;
            // inverse transpose = cofactor matrix / det
            var c = new double[3, 3];
            c[0, 0] = (r[1, 1] * r[2, 2] - r[1, 2] * r[2, 1]) / det;
            c[0, 1] = -(r[1, 0] * r[2, 2] - r[1, 2] * r[2, 0]) / det;
            c[0, 2] = (r[1, 0] * r[2, 1] - r[1, 1] * r[2, 0]) / det;
            c[1, 0] = -(r[0, 1] * r[2, 2] - r[0, 2] * r[2, 1]) / det;
            c[1, 1] = (r[0, 0] * r[2, 2] - r[0, 2] * r[2, 0]) / det;
            c[1, 2] = -(r[0, 0] * r[2, 1] - r[0, 1] * r[2, 0]) / det;
            c[2, 0] = (r[0, 1] * r[1, 2] - r[0, 2] * r[1, 1]) / det;
            c[2, 1] = -(r[0, 0] * r[1, 2] - r[0, 2] * r[1, 0]) / det;
            c[2, 2] = (r[0, 0] * r[1, 1] - r[0, 1] * r[1, 0]) / det;
            double change = 0;
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                {
                    double next = 0.5 * (r[i, j] + c[i, j]);
                    change = Math.Max(change, Math.Abs(next - r[i, j]));
                    r[i, j] = next;
                }
            if (change < 1e-15) return;
        }
    }

    /// <summary>Shepperd's method: the unit quaternion (w, x, y, z) of a rotation matrix.</summary>
    private static (double W, double X, double Y, double Z) MatrixToQuaternion(double[,] m)
    {
        double trace = m[0, 0] + m[1, 1] + m[2, 2];
        if (trace > 0)
        {
            double s = Math.Sqrt(trace + 1.0) * 2;
            return (0.25 * s, (m[2, 1] - m[1, 2]) / s, (m[0, 2] - m[2, 0]) / s, (m[1, 0] - m[0, 1]) / s);
        }
        if (m[0, 0] > m[1, 1] && m[0, 0] > m[2, 2])
        {
            double s = Math.Sqrt(1.0 + m[0, 0] - m[1, 1] - m[2, 2]) * 2;
            return ((m[2, 1] - m[1, 2]) / s, 0.25 * s, (m[0, 1] + m[1, 0]) / s, (m[0, 2] + m[2, 0]) / s);
        }
        if (m[1, 1] > m[2, 2])
        {
            double s = Math.Sqrt(1.0 + m[1, 1] - m[0, 0] - m[2, 2]) * 2;
            return ((m[0, 2] - m[2, 0]) / s, (m[0, 1] + m[1, 0]) / s, 0.25 * s, (m[1, 2] + m[2, 1]) / s);
        }
        double t = Math.Sqrt(1.0 + m[2, 2] - m[0, 0] - m[1, 1]) * 2;
        return ((m[1, 0] - m[0, 1]) / t, (m[0, 2] + m[2, 0]) / t, (m[1, 2] + m[2, 1]) / t, 0.25 * t);
    }
}
