namespace Ari.Datasets.Localizer;

/// <summary>
/// The Brainomics/Localizer contrasts nilearn 0.10.3's fetch_localizer_contrasts accepts: each friendly name
/// maps to the data set's original name, and either may be given. The file name part on OSF is the original
/// name title-cased with spaces removed ("left vs right button press" -> "left auditory &amp; visual click vs
/// right auditory&amp;visual click" -> "LeftAuditory&amp;VisualClickVsRightAuditory&amp;VisualClick").
/// </summary>
public static class LocalizerContrasts
{
    /// <summary>The default contrast (nilearn's example): "left vs right button press".</summary>
    public const string LeftVsRightButtonPress = "left vs right button press";

    /// <summary>(friendly name, original name), in nilearn's order.</summary>
    public static IReadOnlyList<(string Friendly, string Original)> Table { get; } =
    [
        ("checkerboard", "checkerboard"),
        ("horizontal checkerboard", "horizontal checkerboard"),
        ("vertical checkerboard", "vertical checkerboard"),
        ("horizontal vs vertical checkerboard", "horizontal vs vertical checkerboard"),
        ("vertical vs horizontal checkerboard", "vertical vs horizontal checkerboard"),
        ("sentence listening", "auditory sentences"),
        ("sentence reading", "visual sentences"),
        ("sentence listening and reading", "auditory&visual sentences"),
        ("sentence reading vs checkerboard", "visual sentences vs checkerboard"),
        ("calculation (auditory cue)", "auditory calculation"),
        ("calculation (visual cue)", "visual calculation"),
        ("calculation (auditory and visual cue)", "auditory&visual calculation"),
        ("calculation (auditory cue) vs sentence listening", "auditory calculation vs auditory sentences"),
        ("calculation (visual cue) vs sentence reading", "visual calculation vs sentences"),
        ("calculation vs sentences", "auditory&visual calculation vs sentences"),
        ("calculation (auditory cue) and sentence listening", "auditory processing"),
        ("calculation (visual cue) and sentence reading", "visual processing"),
        ("calculation (visual cue) and sentence reading vs calculation (auditory cue) and sentence listening", "visual processing vs auditory processing"),
        ("calculation (auditory cue) and sentence listening vs calculation (visual cue) and sentence reading", "auditory processing vs visual processing"),
        ("calculation (visual cue) and sentence reading vs checkerboard", "visual processing vs checkerboard"),
        ("calculation and sentence listening/reading vs button press", "cognitive processing vs motor"),
        ("left button press (auditory cue)", "left auditory click"),
        ("left button press (visual cue)", "left visual click"),
        ("left button press", "left auditory&visual click"),
        ("left vs right button press", "left auditory & visual click vs right auditory&visual click"),
        ("right button press (auditory cue)", "right auditory click"),
        ("right button press (visual cue)", "right visual click"),
        ("right button press", "right auditory & visual click"),
        ("right vs left button press", "right auditory & visual click vs left auditory&visual click"),
        ("button press (auditory cue) vs sentence listening", "auditory click vs auditory sentences"),
        ("button press (visual cue) vs sentence reading", "visual click vs visual sentences"),
        ("button press vs calculation and sentence listening/reading", "auditory&visual motor vs cognitive processing"),
    ];

    /// <summary>
    /// The file name part of a contrast given by its friendly or original name. As in nilearn, original names
    /// are tried first, then friendly names; an exact match wins over a case-insensitive one.
    /// An unknown name is an AriException.
    /// </summary>
    public static string FileNamePart(string contrast) => Wrap(Original(contrast));

    /// <summary>The original Brainomics name of a contrast given by its friendly or original name.</summary>
    public static string Original(string contrast)
    {
        string name = contrast.Trim();
        foreach (var comparison in new[] { StringComparison.Ordinal, StringComparison.OrdinalIgnoreCase })
        {
            foreach (var (_, original) in Table)
                if (string.Equals(original, name, comparison)) return original;
            foreach (var (friendly, original) in Table)
                if (string.Equals(friendly, name, comparison)) return original;
        }
        throw new AriException($"unknown Localizer contrast '{contrast}' (e.g. \"{LeftVsRightButtonPress}\"; `ari fetch localizer --list-contrasts` lists all {Table.Count})");
    }

    /// <summary>Python's str.title() followed by removing spaces, as nilearn names the files.</summary>
    public static string Wrap(string original)
    {
        var chars = new char[original.Length];
        int n = 0;
        bool previousCased = false;
        foreach (char c in original)
        {
            bool cased = char.IsUpper(c) || char.IsLower(c);
            char t = cased ? (previousCased ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)) : c;
            previousCased = cased;
            if (t != ' ') chars[n++] = t;
        }
        return new string(chars, 0, n);
    }
}
