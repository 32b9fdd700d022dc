namespace Ari.Nifti;

/// <summary>A file that cannot be read as NIfTI, with the file's path and the problem.</summary>
public sealed class NiftiFormatException : AriException
{
    /// <summary>An error whose message is "<paramref name="path"/>: <paramref name="problem"/>".</summary>
    public NiftiFormatException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The file that could not be read, as given by the caller.</summary>
    public string Path { get; }
    /// <summary>What is wrong with it, without the path (e.g. "invalid vox_offset -1").</summary>
    public string Problem { get; }
}
