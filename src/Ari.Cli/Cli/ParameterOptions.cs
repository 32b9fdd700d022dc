namespace Ari.Cli.Cli;

/// <summary>
/// Maps the library's parameter names (<see cref="AriException.Parameter"/>) to the command line's options:
/// camelCase becomes --kebab-case (<c>cutCoords</c> -> <c>--cut-coords</c>) unless an option has another name.
/// </summary>
internal static class ParameterOptions
{
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["pValues"] = "--pvalues",
        ["regions"] = "--clusters",
        ["background"] = "--bg",
        ["smoothingFwhm"] = "--fwhm",
        ["thresholds"] = "--threshold",
        ["dataDirectory"] = "--data-dir",
        ["glmDirectory"] = "--glm",
        ["tdpDirectory"] = "--tdp",
        ["outputDirectory"] = "--out",
        ["output"] = "--out",
    };

    public static string OptionFor(string parameter)
    {
        if (Renamed.TryGetValue(parameter, out var option)) return option;
        var text = new System.Text.StringBuilder("--");
        foreach (char c in parameter)
        {
            if (char.IsUpper(c)) text.Append('-').Append(char.ToLowerInvariant(c));
            else text.Append(c);
        }
        return text.ToString();
    }

    /// <summary>The message of an Ari error as the command line says it: the option, then the problem.</summary>
    public static string MessageOf(AriException e) =>
        e.Parameter is null ? e.Message : $"{OptionFor(e.Parameter)}: {e.Detail}";
}
