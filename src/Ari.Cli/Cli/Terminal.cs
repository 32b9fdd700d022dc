namespace Ari.Cli.Cli;

/// <summary>Progress and timing lines go to stderr (so results on stdout can be piped); quiet silences them.</summary>
internal sealed class Terminal(bool quiet, string prefix)
{
    public void Progress(string message)
    {
        if (!quiet) Console.Error.WriteLine($"[{prefix}] {message.TrimStart()}");
    }

    /// <summary>Notes and warnings about the data go to stderr even with --quiet ("note: ...", "warning: ...").</summary>
    public static void Note(string message) => Console.Error.WriteLine(message);

    /// <summary>A log for <see cref="StepTimer"/>: step announcements and durations.</summary>
    public Action<string>? Log => quiet ? null : message =>
        Console.Error.WriteLine(message.StartsWith("  ") ? $"[{prefix}] {message.TrimStart()}" : $"[{prefix}] {message}");
}
