namespace Ari.Datasets.Http;

/// <summary>
/// Where one file's download stands. <see cref="TotalBytes"/> is null while the size is unknown;
/// <see cref="FileNumber"/> of <see cref="FileCount"/> places it in a batch (1 of 1 for a single file).
/// </summary>
public sealed record DownloadProgress(string FileName, long BytesReceived, long? TotalBytes)
{
    public int FileNumber { get; init; } = 1;
    public int FileCount { get; init; } = 1;
    /// <summary>True on the last report for the file, once it is checked and in place.</summary>
    public bool Completed { get; init; }
}
