namespace Ari.Datasets.Localizer;

/// <summary>
/// The fetched files (full paths), in nilearn's order: for each subject, for each contrast. <see cref="TMaps"/>
/// and <see cref="Masks"/> are empty unless requested; <see cref="Participants"/> is null when the data set's
/// participants.tsv has not been fetched. <see cref="DownloadedFiles"/> is 0 when everything came from the cache.
/// </summary>
/// <param name="Directory">The data set's folder (DATA/brainomics_localizer).</param>
/// <param name="SubjectIds">The subjects fetched: S01, S02, ...</param>
/// <param name="ContrastMaps">The contrast maps, for each subject, for each contrast.</param>
/// <param name="TMaps">The t maps in the same order; empty unless requested.</param>
/// <param name="Masks">One brain mask per subject; empty unless requested.</param>
/// <param name="Participants">participants.tsv, or null when it has not been fetched.</param>
/// <param name="DownloadedFiles">How many files this call downloaded (0: all came from the data folder).</param>
public sealed record LocalizerDataset(
    string Directory,
    IReadOnlyList<string> SubjectIds,
    IReadOnlyList<string> ContrastMaps,
    IReadOnlyList<string> TMaps,
    IReadOnlyList<string> Masks,
    string? Participants,
    int DownloadedFiles);
