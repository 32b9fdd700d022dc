namespace Ari.Cli.Cli;

/// <summary>A bad option or option value: printed as one error line, exit code 2.</summary>
internal sealed class UsageException(string message) : AriException(message);
