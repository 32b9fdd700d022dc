namespace Ari.Scheduling;

/// <summary>Quoting for POSIX shell scripts: every word in single quotes (nothing inside is special).</summary>
internal static class ShellQuoting
{
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";

    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));
}
