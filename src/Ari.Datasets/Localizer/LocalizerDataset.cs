namespace Ari.Datasets.Localizer;

/// <summary>
/// The fetched files (full paths), in nilearn's order: for each subject, for each contrast. <see cref="TMaps"/>
/// and <see cref="Masks"/> are empty unless requested; <see cref="Participants"/> is null when the data set's
/// participants.tsv has not been fetched. <see cref="DownloadedFiles"/> is 0 when everything came from the cache.
/// </summary>
public sealed record LocalizerDataset(
    string Directory,
    IReadOnlyList<string> SubjectIds,
    IReadOnlyList<string> ContrastMaps,
    IReadOnlyList<string> TMaps,
    IReadOnlyList<string> Masks,
    string? Participants,
    int DownloadedFiles);
