namespace Ari.Cli.Cli;

/// <summary>
/// Expands paths and quoted glob patterns (*, ?, [abc]) in any path component, sorted in ordinal order
/// within each pattern, as a shell would. A pattern that matches nothing is an error naming it.
/// </summary>
internal static class PathPatterns
{
    public static IReadOnlyList<string> Expand(string option, IEnumerable<string> patterns)
    {
        var result = new List<string>();
        foreach (string pattern in patterns)
        {
            if (!HasWildcard(pattern))
            {
                result.Add(pattern);
                continue;
            }
            var matches = ExpandOne(pattern);
            if (matches.Count == 0)
                throw new AriException($"{option}: the pattern '{pattern}' matches no file");
            result.AddRange(matches);
        }
        return result;
    }

    public static bool HasWildcard(string s) => s.IndexOfAny(['*', '?', '[']) >= 0;

    private static List<string> ExpandOne(string pattern)
    {
        bool rooted = Path.IsPathRooted(pattern);
        var parts = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = new List<string> { rooted ? "/" : "" };
        for (int p = 0; p < parts.Length; p++)
        {
            bool last = p == parts.Length - 1;
            var next = new List<string>();
            foreach (string dir in current)
            {
                string baseDir = dir.Length == 0 ? "." : dir;
                if (!HasWildcard(parts[p]))
                {
                    string candidate = dir.Length == 0 ? parts[p] : Path.Combine(dir, parts[p]);
                    if (last ? File.Exists(candidate) : Directory.Exists(candidate)) next.Add(candidate);
                    continue;
                }
                if (!Directory.Exists(baseDir)) continue;
                var entries = last ? Directory.EnumerateFiles(baseDir) : Directory.EnumerateDirectories(baseDir);
                var names = entries.Select(Path.GetFileName).Where(n => n is not null && Matches(parts[p], n!)).Select(n => n!).ToList();
                names.Sort(StringComparer.Ordinal);
                foreach (string name in names)
                    next.Add(dir.Length == 0 ? name : Path.Combine(dir, name));
            }
            current = next;
        }
        return current;
    }

    /// <summary>fnmatch-style matching of one path component; a leading dot must be matched explicitly.</summary>
    public static bool Matches(string pattern, string name)
    {
        if (name.StartsWith('.') && !pattern.StartsWith('.')) return false;
        return Match(pattern, 0, name, 0);
    }

    private static bool Match(string p, int pi, string s, int si)
    {
        while (pi < p.Length)
        {
            char c = p[pi];
            if (c == '*')
            {
                for (int k = si; k <= s.Length; k++)
                    if (Match(p, pi + 1, s, k)) return true;
                return false;
            }
            if (si >= s.Length) return false;
            if (c == '?') { pi++; si++; continue; }
            if (c == '[')
            {
                int close = p.IndexOf(']', pi + 1);
                if (close > pi + 1)
                {
                    bool negate = p[pi + 1] is '!' or '^';
                    bool found = false;
                    for (int k = pi + 1 + (negate ? 1 : 0); k < close; k++)
                    {
                        if (k + 2 < close && p[k + 1] == '-')
                        {
                            if (s[si] >= p[k] && s[si] <= p[k + 2]) found = true;
                            k += 2;
                        }
                        else if (p[k] == s[si]) found = true;
                    }
                    if (found == negate) return false;
                    pi = close + 1; si++;
                    continue;
                }
            }
            if (c != s[si]) return false;
            pi++; si++;
        }
        return si == s.Length;
    }
}
