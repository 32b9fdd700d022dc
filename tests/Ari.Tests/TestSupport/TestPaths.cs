namespace Ari.Tests.TestSupport;

/// <summary>Where the repository, the shared data and the test's own files are.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> RepoRootLazy = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ari.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Ari.slnx) above " + AppContext.BaseDirectory);
    });

    public static string RepoRoot => RepoRootLazy.Value;

    /// <summary>../shared beside the repository (CI has it there too).</summary>
    public static string Shared
    {
        get
        {
            string path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
            if (!Directory.Exists(path))
                throw new InvalidOperationException($"the shared data folder {path} is missing; tests expect ../shared beside the repository");
            return path;
        }
    }

    public static string SharedFile(params string[] parts) => Path.Combine([Shared, .. parts]);

    public static string NilearnReference(string file) => SharedFile("reference", "nilearn", "localizer16", file);

    /// <summary>A file copied beside the test assembly (fixtures, expected values).</summary>
    public static string TestFile(params string[] parts) => Path.Combine([AppContext.BaseDirectory, .. parts]);

    /// <summary>The root element of a JSON table of expected values beside the test assembly.</summary>
    public static System.Text.Json.JsonElement Json(params string[] parts) =>
        System.Text.Json.JsonDocument.Parse(File.ReadAllText(TestFile(parts))).RootElement;
}

/// <summary>A temporary folder removed at dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ari-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
