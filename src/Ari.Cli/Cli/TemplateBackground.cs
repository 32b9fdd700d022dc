using Ari.Datasets.Templates;

namespace Ari.Cli.Cli;

/// <summary>
/// The anatomy figures are drawn over: --bg when given; else the 1 mm MNI152 2009 template when it is in Ari's data
/// folder (`ari fetch template`); else the 2 mm template shipped inside Ari (never the network). The note is null
/// unless no anatomy can be had at all (the caller then draws over the data's own silhouette and says so).
/// </summary>
internal static class TemplateBackground
{
    public static Task<(string? Path, string? Note)> ResolveAsync(string? bgOption, Terminal terminal, CancellationToken cancel, string? dataDirectory = null)
    {
        if (bgOption is not null) return Task.FromResult<(string?, string?)>((OptionValues.ExistingFile("--bg", bgOption), null));
        var cached = MniTemplate.FindCached(dataDirectory);
        if (cached.IsAvailable) return Task.FromResult<(string?, string?)>((cached.Path, null));
        try { return Task.FromResult<(string?, string?)>((ShippedTemplate.Path(dataDirectory), null)); }
        catch (AriException e)
        {
            return Task.FromResult<(string?, string?)>((null, $"no MNI152 template ({e.Message}); drawing over the data's own silhouette instead (give --bg FILE for an anatomy)"));
        }
    }
}
