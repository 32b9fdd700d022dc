namespace Ari.Pipelines.Glm;

/// <summary>
/// Pairs the rows of a participants table (no 'map' column) with map files by the participant's id found in the
/// maps' paths, as nilearn pairs confounds with maps by subject_label. A row's id "sub-1" (or label "1") matches a
/// map whose path, below the folder all maps share, contains "sub-1" between non-alphanumeric characters: so
/// "sub-1" never matches "sub-10", whatever order a glob gives. An id without a BIDS "sub-" entity in the paths
/// (e.g. "S01" in ".../S01/cmaps.nii.gz") is looked for as a whole word. Every map must match exactly one row and
/// every row exactly one map; otherwise the pairing is refused, naming the unmatched or ambiguous ids and files.
/// </summary>
internal static class MapPairing
{
    private const int Shown = 8;

    /// <summary>For each map (in order), the index of its row in the table.</summary>
    public static int[] ByIdentifier(IReadOnlyList<string> rowIds, string idColumn, IReadOnlyList<string> maps, string tablePath)
    {
        string Problem(string what) => $"{tablePath}: cannot pair its rows with the maps by {idColumn}: {what}";

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int r = 0; r < rowIds.Count; r++)
        {
            if (rowIds[r].Length == 0) throw AriException.For("design", Problem($"row {r + 1} has an empty {idColumn}"));
            if (!seen.TryAdd(rowIds[r], r)) throw AriException.For("design", Problem($"the id {rowIds[r]} appears twice"));
        }

        var texts = DistinguishingParts(maps);
        var candidates = new List<int>[rowIds.Count];
        for (int r = 0; r < rowIds.Count; r++)
        {
            string id = rowIds[r];
            string label = id.StartsWith("sub-", StringComparison.Ordinal) ? id[4..] : id;
            var strong = Matching(texts, "sub-" + label);
            candidates[r] = strong.Count > 0 || label.Length == 0 ? strong : Matching(texts, id);
        }

        var rowsOfMap = Enumerable.Range(0, maps.Count).Select(_ => new List<int>()).ToArray();
        for (int r = 0; r < rowIds.Count; r++)
            foreach (int m in candidates[r]) rowsOfMap[m].Add(r);

        var problems = new List<string>();
        var noMap = Enumerable.Range(0, rowIds.Count).Where(r => candidates[r].Count == 0).Select(r => rowIds[r]).ToList();
        if (noMap.Count > 0) problems.Add($"no map for {List(noMap)}");
        var noRow = Enumerable.Range(0, maps.Count).Where(m => rowsOfMap[m].Count == 0).Select(m => maps[m]).ToList();
        if (noRow.Count > 0) problems.Add($"no row for {List(noRow)}");
        foreach (int r in Enumerable.Range(0, rowIds.Count).Where(r => candidates[r].Count > 1).Take(3))
            problems.Add($"{rowIds[r]} matches several maps ({List(candidates[r].Select(m => maps[m]).ToList())})");
        foreach (int m in Enumerable.Range(0, maps.Count).Where(m => rowsOfMap[m].Count > 1).Take(3))
            problems.Add($"{maps[m]} matches several ids ({List(rowsOfMap[m].Select(r => rowIds[r]).ToList())})");
        if (problems.Count > 0)
            throw AriException.For("design", Problem(string.Join("; ", problems)) +
                $" (give one map per row, with the id in each file name, or a '{Ari.Glm.DesignTable.MapColumn}' column of paths)");
        return rowsOfMap.Select(rows => rows[0]).ToArray();
    }

    /// <summary>Each path below the deepest folder all paths share (the file name when they share their folder).</summary>
    internal static string[] DistinguishingParts(IReadOnlyList<string> paths)
    {
        var split = paths.Select(p => Path.GetFullPath(p).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)).ToArray();
        int common = split.Length == 0 ? 0 : split.Min(s => s.Length) - 1; // the file name is never part of the shared folder
        for (int c = 0; c < common; c++)
            if (split.Any(s => s[c] != split[0][c])) { common = c; break; }
        return split.Select(s => string.Join('/', s[common..])).ToArray();
    }

    private static List<int> Matching(string[] texts, string word)
    {
        var result = new List<int>();
        for (int m = 0; m < texts.Length; m++)
            if (ContainsWord(texts[m], word)) result.Add(m);
        return result;
    }

    /// <summary>Whether <paramref name="word"/> occurs in <paramref name="text"/> with no letter or digit right before or after it.</summary>
    internal static bool ContainsWord(string text, string word)
    {
        for (int i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + 1, StringComparison.Ordinal))
        {
            int end = i + word.Length;
            bool before = i == 0 || !char.IsLetterOrDigit(text[i - 1]);
            bool after = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (before && after) return true;
        }
        return false;
    }

    private static string List(List<string> items) =>
        string.Join(", ", items.Take(Shown)) + (items.Count > Shown ? $" and {items.Count - Shown} more" : "");
}
