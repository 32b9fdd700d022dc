namespace Ari.Nifti;

/// <summary>A file that cannot be read as NIfTI, with the file's path and the problem.</summary>
public sealed class NiftiFormatException : AriException
{
    public NiftiFormatException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }
    public string Problem { get; }
}
