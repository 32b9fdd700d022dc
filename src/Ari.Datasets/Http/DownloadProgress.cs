namespace Ari.Datasets.Http;

/// <summary>
/// Where one file's download stands. <see cref="TotalBytes"/> is null while the size is unknown;
/// <see cref="FileNumber"/> of <see cref="FileCount"/> places it in a batch (1 of 1 for a single file).
/// </summary>
/// <param name="FileName">The name of the file being downloaded (no folder).</param>
/// <param name="BytesReceived">Bytes received so far.</param>
/// <param name="TotalBytes">The file's size when the server announced it; null otherwise.</param>
public sealed record DownloadProgress(string FileName, long BytesReceived, long? TotalBytes)
{
    /// <summary>This file's position in the batch, from 1.</summary>
    public int FileNumber { get; init; } = 1;
    /// <summary>Number of files in the batch.</summary>
    public int FileCount { get; init; } = 1;
    /// <summary>True on the last report for the file, once it is checked and in place.</summary>
    public bool Completed { get; init; }
}
