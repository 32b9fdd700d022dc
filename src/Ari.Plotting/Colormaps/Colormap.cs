namespace Ari.Plotting.Colormaps;

/// <summary>An opaque RGB colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>The colour as #rrggbb.</summary>
    public override string ToString() => $"#{R:x2}{G:x2}{B:x2}";
}

/// <summary>
/// A 256-entry colour table used the way matplotlib uses one: a value normalised to [0, 1] picks entry
/// floor(256 x), 1 picks the last entry, values below 0 the first and above 1 the last.
/// The tables are matplotlib's own (and nilearn's cold_hot); names ending in "_r" are reversed tables.
/// </summary>
public sealed class Colormap
{
    /// <summary>Entries in every table.</summary>
    public const int Size = 256;

    private static readonly Lazy<Dictionary<string, byte[]>> Tables = new(() =>
    {
        var tables = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, hex) in ColormapTables.All)
            tables[name] = Convert.FromHexString(hex);
        return tables;
    });

    private readonly byte[] _rgb;

    private Colormap(string name, byte[] rgb)
    {
        Name = name;
        _rgb = rgb;
    }

    /// <summary>The name it was asked for by.</summary>
    public string Name { get; }

    /// <summary>Every name <see cref="Named"/> accepts, without the "_r" variants.</summary>
    public static IReadOnlyList<string> Names { get; } = ColormapTables.All.Select(t => t.Name).ToArray();

    /// <summary>The colormap of that name (matplotlib's spelling, e.g. inferno, RdBu_r, cold_hot; "_r" reverses).</summary>
    public static Colormap Named(string name)
    {
        if (TryNamed(name, out var colormap)) return colormap;
        throw new AriException($"unknown colormap '{name}' (known: {string.Join(", ", Names)}; add _r to reverse one)");
    }

    /// <summary>The colormap of that name, or false.</summary>
    public static bool TryNamed(string name, out Colormap colormap)
    {
        if (Tables.Value.TryGetValue(name, out var rgb))
        {
            colormap = new Colormap(name, rgb);
            return true;
        }
        if (name.EndsWith("_r", StringComparison.Ordinal) && Tables.Value.TryGetValue(name[..^2], out var forward))
        {
            colormap = new Colormap(name, Reverse(forward));
            return true;
        }
        colormap = null!;
        return false;
    }

    /// <summary>The table entry for a value already normalised to [0, 1] (matplotlib's Colormap.__call__ on floats).</summary>
    public static int IndexOf(double fraction)
    {
        if (!(fraction > 0)) return 0; // below the range, or NaN (callers mask NaN before)
        if (fraction >= 1) return Size - 1;
        return Math.Min((int)(fraction * Size), Size - 1);
    }

    /// <summary>Entry <paramref name="index"/> (0 to 255).</summary>
    public Rgb this[int index] => new(_rgb[3 * index], _rgb[3 * index + 1], _rgb[3 * index + 2]);

    /// <summary>The colour of a value normalised to [0, 1].</summary>
    public Rgb At(double fraction) => this[IndexOf(fraction)];

    /// <summary>Packed 0xAARRGGBB colours of the 256 entries, opaque, for fast pixel writes.</summary>
    public uint[] ToArgb()
    {
        var argb = new uint[Size];
        for (int i = 0; i < Size; i++)
            argb[i] = 0xFF000000u | ((uint)_rgb[3 * i] << 16) | ((uint)_rgb[3 * i + 1] << 8) | _rgb[3 * i + 2];
        return argb;
    }

    /// <summary>
    /// The upper half of this colormap as a colormap of its own (nilearn's plot_abs glass brain:
    /// LinearSegmentedColormap.from_list(cmap(linspace(0.5, 1, 256)))): entry i is this map's colour at 0.5 + 0.5 i / 255.
    /// </summary>
    internal Colormap UpperHalf()
    {
        var rgb = new byte[3 * Size];
        for (int i = 0; i < Size; i++)
        {
            var c = At(0.5 + 0.5 * i / (Size - 1));
            rgb[3 * i] = c.R;
            rgb[3 * i + 1] = c.G;
            rgb[3 * i + 2] = c.B;
        }
        return new Colormap(Name + "_upper_half", rgb);
    }

    /// <summary>The name.</summary>
    public override string ToString() => Name;

    private static byte[] Reverse(byte[] rgb)
    {
        var reversed = new byte[rgb.Length];
        for (int i = 0; i < Size; i++)
            rgb.AsSpan(3 * (Size - 1 - i), 3).CopyTo(reversed.AsSpan(3 * i, 3));
        return reversed;
    }
}
