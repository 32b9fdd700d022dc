namespace Ari.Cli.Cli;

internal static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The job failed: unreadable or inconsistent input, a failed download, a write error.</summary>
    public const int Failure = 1;
    /// <summary>The command line is wrong: unknown option, bad option value.</summary>
    public const int Usage = 2;
    public const int Interrupted = 130;
}
