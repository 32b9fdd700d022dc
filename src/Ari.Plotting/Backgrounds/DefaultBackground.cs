namespace Ari.Plotting.Backgrounds;

/// <summary>
/// Where Ari keeps the MNI152 template it draws over when no background is given:
/// $ARI_DATA/templates/mni152_2009_t1_1mm.nii.gz, or ~/ari_data/templates/... when ARI_DATA is not set.
/// (The template downloader in Ari.Datasets is to be connected here.)
/// </summary>
public static class DefaultBackground
{
    public const string TemplateFileName = "mni152_2009_t1_1mm.nii.gz";

    /// <summary>Ari's data directory: $ARI_DATA, else ~/ari_data.</summary>
    public static string DataDirectory
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("ARI_DATA");
            if (!string.IsNullOrWhiteSpace(env)) return env;
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "ari_data");
        }
    }

    /// <summary>Where the template is expected.</summary>
    public static string TemplatePath => Path.Combine(DataDirectory, "templates", TemplateFileName);

    /// <summary>The template's path when it is there, else null.</summary>
    public static string? Resolve()
    {
        string path = TemplatePath;
        return File.Exists(path) ? path : null;
    }
}
