namespace Ari.Datasets.Localizer;

/// <summary>One file of the data set: where it is on OSF, where it goes under the data set's folder, what it is.</summary>
internal sealed record LocalizerFile(string OsfPath, string LocalPath, LocalizerFileKind Kind);

/// <summary>The kinds of file in the Localizer data set.</summary>
public enum LocalizerFileKind
{
    /// <summary>A subject's first-level contrast (effect) map, cmaps_&lt;Name&gt;.nii.gz.</summary>
    ContrastMap,
    /// <summary>A subject's first-level t map, tmaps_&lt;Name&gt;.nii.gz.</summary>
    TMap,
    /// <summary>A subject's brain mask, boolean_mask_mask.nii.gz.</summary>
    Mask,
    /// <summary>The data set's participants.tsv (optional: fetched when available).</summary>
    Participants,
    /// <summary>The data set's phenotype/behavioural.tsv (optional: fetched when available).</summary>
    Behavioural,
}

/// <summary>
/// nilearn 0.10.3's layout of Brainomics/Localizer: OSF paths under /localizer and local paths under
/// brainomics_localizer/brainomics_data (cmaps_&lt;Name&gt;.nii.gz, tmaps_&lt;Name&gt;.nii.gz,
/// boolean_mask_mask.nii.gz, participants.tsv, phenotype/behavioural.tsv).
/// </summary>
internal static class LocalizerLayout
{
    public const string DatasetFolder = "brainomics_localizer";

    /// <summary>The files a request needs, in nilearn's order, then the optional participant tables.</summary>
    public static IReadOnlyList<LocalizerFile> Plan(LocalizerRequest request)
    {
        if (request.Contrasts.Count == 0) throw new AriException("no Localizer contrast requested");
        var names = request.Contrasts.Select(LocalizerContrasts.FileNamePart).Distinct().ToList();
        var subjects = request.SubjectIds();
        var files = new List<LocalizerFile>();
        foreach (string subject in subjects)
        {
            foreach (string type in request.TMaps ? new[] { "cmaps", "tmaps" } : ["cmaps"])
            {
                var kind = type == "cmaps" ? LocalizerFileKind.ContrastMap : LocalizerFileKind.TMap;
                foreach (string name in names)
                    files.Add(new($"{FirstLevel(subject)}/sub-{subject}_task-localizer_acq-{name}_{type}.nii.gz",
                        $"brainomics_data/{subject}/{type}_{name}.nii.gz", kind));
            }
        }
        if (request.Masks)
            foreach (string subject in subjects)
                files.Add(new($"{FirstLevel(subject)}/sub-{subject}_mask.nii.gz", $"brainomics_data/{subject}/boolean_mask_mask.nii.gz", LocalizerFileKind.Mask));
        files.Add(new("/localizer/participants.tsv", "brainomics_data/participants.tsv", LocalizerFileKind.Participants));
        files.Add(new("/localizer/phenotype/behavioural.tsv", "brainomics_data/phenotype/behavioural.tsv", LocalizerFileKind.Behavioural));
        return files;
    }

    public static bool IsRequired(LocalizerFileKind kind) => kind is not (LocalizerFileKind.Participants or LocalizerFileKind.Behavioural);

    private static string FirstLevel(string subject) => $"/localizer/derivatives/spm_1st_level/sub-{subject}";
}
