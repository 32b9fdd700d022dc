namespace Ari.Plotting.StatMaps;

/// <summary>
/// Where the colorbar's ticks go: five evenly spaced values, two of them moved onto -threshold and +threshold
/// when the threshold is not tiny (nilearn 0.10.3's _get_cbar_ticks and _get_cropped_cbar_ticks).
/// </summary>
internal static class ColorbarTicks
{
    public static double[] Compute(double cbarMin, double cbarMax, double? threshold, int count = 5)
    {
        if (cbarMin == cbarMax) return [cbarMin];
        double offset = threshold ?? 0;
        var ticks = Base(cbarMin, cbarMax, offset, count);
        if (threshold is null) return ticks;
        // nilearn then re-crops the ticks to the colorbar range with the same threshold.
        double t = threshold.Value;
        var cropped = Linspace(cbarMin, cbarMax, ticks.Length);
        if ((0 <= cbarMin && cbarMin <= cbarMax) || (cbarMin <= cbarMax && cbarMax <= 0))
            cropped[ArgMin(cropped, v => Math.Abs(Math.Abs(v) - t))] = t;
        else if (cbarMin <= -t && -t <= t && t <= cbarMax)
            cropped = Base(cbarMin, cbarMax, t, ticks.Length);
        else
            cropped[ArgMin(cropped, v => Math.Abs(v - t))] = t > cbarMax ? -t : t;
        return cropped;
    }

    private static double[] Base(double vmin, double vmax, double offset, int count)
    {
        if (vmax == 0) vmax += 1.1920928955078125e-07; // float32 eps, as nilearn does for all-negative maps
        var ticks = Linspace(vmin, vmax, count);
        if (offset / vmax > 0.12)
        {
            var diff = ticks.Select(t => Math.Abs(Math.Abs(t) - offset)).ToArray();
            double smallest = diff.Min();
            int[] chosen;
            if (diff.Count(d => d == smallest) == 4)
            {
                // Four ticks equally close: keep the middle two of them.
                var four = Enumerable.Range(0, diff.Length).OrderBy(i => diff[i]).ThenBy(i => i).Take(4).Select(i => ticks[i]).Order().ToArray();
                var middle = new HashSet<double> { four[1], four[2] };
                chosen = Enumerable.Range(0, ticks.Length).Where(i => middle.Contains(ticks[i])).ToArray();
            }
            else
            {
                var order = Enumerable.Range(0, diff.Length).OrderBy(i => diff[i]).ThenBy(i => i).ToArray();
                chosen = order.Take(2).Order().ToArray();
                if (chosen.Any(i => ticks[i] == 0))
                {
                    var three = order.Take(3).Order().ToArray();
                    chosen = [three[0], three[2]];
                }
            }
            if (chosen.Length == 2)
            {
                ticks[chosen[0]] = -offset;
                ticks[chosen[1]] = offset;
            }
        }
        if (ticks.Length > 0 && ticks[0] < vmin) ticks[0] = vmin;
        return ticks;
    }

    /// <summary>numpy.linspace: start + i * step, the last value exactly stop.</summary>
    public static double[] Linspace(double start, double stop, int count)
    {
        var values = new double[count];
        if (count == 1) { values[0] = start; return values; }
        double step = (stop - start) / (count - 1);
        for (int i = 0; i < count; i++) values[i] = start + i * step;
        values[^1] = stop;
        return values;
    }

    private static int ArgMin(double[] values, Func<double, double> key)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (key(values[i]) < key(values[best])) best = i;
        return best;
    }
}
