namespace Ari.Datasets.Http;

/// <summary>A download address that an environment variable may override (ARI_OSF_URL, ARI_MNI_URL).</summary>
internal static class EnvironmentUrl
{
    /// <summary>The variable's http(s) URL, or <paramref name="fallback"/> when it is unset or blank.</summary>
    public static Uri Resolve(string variable, string fallback)
    {
        string? text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text)) return new Uri(fallback);
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new AriException($"{variable}: '{text}' is not an http(s) URL");
        return url;
    }
}
