namespace Ari.Benchmarks;

/// <summary>The ../shared folder beside the repository (found by walking up from the benchmark's folder).</summary>
public static class SharedData
{
    public static string Folder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared");
                if (File.Exists(Path.Combine(dir.FullName, "Ari.slnx")) && Directory.Exists(Path.Combine(dir.FullName, "..", "shared")))
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
                if (Directory.Exists(Path.Combine(candidate, "reference"))) return candidate;
            }
            throw new InvalidOperationException("cannot find ../shared beside the repository");
        }
    }
}
