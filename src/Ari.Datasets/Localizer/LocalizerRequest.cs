namespace Ari.Datasets.Localizer;

/// <summary>
/// What to fetch from Brainomics/Localizer, as nilearn's fetch_localizer_contrasts takes it: contrasts by
/// friendly or original name, the first <see cref="Subjects"/> subjects (S01, S02, ...), and optionally the
/// t maps and the subjects' masks besides the contrast maps.
/// </summary>
public sealed record LocalizerRequest
{
    /// <summary>Number of subjects in the data set (S01 ... S94).</summary>
    public const int MaxSubjects = 94;

    /// <summary>Contrasts to fetch, by friendly or original name (see <see cref="LocalizerContrasts"/>); default: "left vs right button press".</summary>
    public IReadOnlyList<string> Contrasts { get; init; } = [LocalizerContrasts.LeftVsRightButtonPress];
    /// <summary>Fetch the first this many subjects, 1 to <see cref="MaxSubjects"/> (default 16).</summary>
    public int Subjects { get; init; } = 16;
    /// <summary>Also fetch each subject's t maps (nilearn's get_tmaps).</summary>
    public bool TMaps { get; init; }
    /// <summary>Also fetch each subject's brain mask (nilearn's get_masks).</summary>
    public bool Masks { get; init; }

    /// <summary>Subject ids as the data set names them: S01 ... S94.</summary>
    public IReadOnlyList<string> SubjectIds()
    {
        if (Subjects is < 1 or > MaxSubjects)
            throw new AriException($"the Localizer data set has subjects 1 to {MaxSubjects}; cannot fetch {Subjects}");
        return [.. Enumerable.Range(1, Subjects).Select(s => $"S{s:00}")];
    }
}
