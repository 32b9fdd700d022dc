using System.Numerics;

namespace Ari.Imaging;

/// <summary>
/// The one treatment of NaN and ±inf where a computation needs numbers (nilearn's maskers, smoothing and
/// figures): a non-finite value counts as 0.
/// </summary>
public static class NonFinite
{
    /// <summary>Replaces every NaN and ±inf in <paramref name="data"/> by 0.</summary>
    public static void ToZero<T>(Span<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < data.Length; i++)
            if (!T.IsFinite(data[i])) data[i] = T.Zero;
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/> (converted), non-finite values as 0.</summary>
    public static void CopyAsZero<TIn, TOut>(ReadOnlySpan<TIn> source, Span<TOut> destination)
        where TIn : unmanaged, IFloatingPointIeee754<TIn>
        where TOut : unmanaged, INumberBase<TOut>
    {
        if (destination.Length < source.Length) throw new ArgumentException("the destination is shorter than the source", nameof(destination));
        for (int i = 0; i < source.Length; i++)
        {
            TIn v = source[i];
            destination[i] = TIn.IsFinite(v) ? TOut.CreateTruncating(v) : TOut.Zero;
        }
    }

    /// <summary>A copy of the volume with non-finite values as 0.</summary>
    public static Volume<double> Zeroed(Volume<double> volume)
    {
        var data = new double[volume.Data.Length];
        CopyAsZero<double, double>(volume.Data, data);
        return new Volume<double>(volume.Grid, data);
    }
}
