namespace Ari.Plotting.Glass;

/// <summary>A line segment of a contour, in the field's pixel coordinates (column, row).</summary>
internal readonly record struct Segment(double X0, double Y0, double X1, double Y1);

/// <summary>
/// The iso-line of a 2D field at one level (marching squares with linear interpolation along cell edges; saddles
/// resolved by the cell's mean), as unconnected segments. Pixel (c, r) is the sample at column c, row r.
/// </summary>
internal static class MarchingSquares
{
    public static List<Segment> Contour(float[] field, int width, int height, float level)
    {
        var segments = new List<Segment>();
        for (int r = 0; r + 1 < height; r++)
            for (int c = 0; c + 1 < width; c++)
            {
                // Corners: top-left, top-right, bottom-right, bottom-left.
                float a = field[r * width + c], b = field[r * width + c + 1];
                float d = field[(r + 1) * width + c], e = field[(r + 1) * width + c + 1];
                int index = (a > level ? 8 : 0) | (b > level ? 4 : 0) | (e > level ? 2 : 0) | (d > level ? 1 : 0);
                if (index is 0 or 15) continue;
                // Crossing points on the four edges.
                (double X, double Y) top = (c + Fraction(a, b, level), r);
                (double X, double Y) right = (c + 1, r + Fraction(b, e, level));
                (double X, double Y) bottom = (c + Fraction(d, e, level), r + 1);
                (double X, double Y) left = (c, r + Fraction(a, d, level));
                bool centreAbove = (a + b + d + e) / 4 > level;
                switch (index)
                {
                    case 1: case 14: Add(left, bottom); break;
                    case 2: case 13: Add(bottom, right); break;
                    case 3: case 12: Add(left, right); break;
                    case 4: case 11: Add(top, right); break;
                    case 6: case 9: Add(top, bottom); break;
                    case 7: case 8: Add(left, top); break;
                    case 5:
                        if (centreAbove) { Add(left, top); Add(bottom, right); }
                        else { Add(left, bottom); Add(top, right); }
                        break;
                    case 10:
                        if (centreAbove) { Add(left, bottom); Add(top, right); }
                        else { Add(left, top); Add(bottom, right); }
                        break;
                }
            }
        return segments;

        void Add((double X, double Y) p, (double X, double Y) q) => segments.Add(new Segment(p.X, p.Y, q.X, q.Y));
    }

    private static double Fraction(float from, float to, float level) =>
        from == to ? 0.5 : Math.Clamp((level - from) / (double)(to - from), 0, 1);
}
