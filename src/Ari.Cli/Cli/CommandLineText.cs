using System.CommandLine;

namespace Ari.Cli.Cli;

/// <summary>The command line as provenance records it: "ari glm --maps 'sub-*.nii.gz' ...", quoted for a POSIX shell.</summary>
internal static class CommandLineText
{
    public static string From(ParseResult parse) => "ari " + string.Join(' ', parse.Tokens.Select(t => Quote(t.Value)));

    public static string Quote(string value) =>
        value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || c is '*' or '?' or '[' or '\'' or '"' or ';' or '$' or '&' or '|')
            ? "'" + value.Replace("'", "'\\''") + "'"
            : value;
}
