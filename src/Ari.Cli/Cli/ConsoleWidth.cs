using Spectre.Console;

namespace Ari.Cli.Cli;

/// <summary>
/// Tables written to a file or a pipe are laid out <see cref="Redirected"/> columns wide: with no terminal Spectre
/// assumes 80, and an eight-column cluster table then splits its numbers across lines in a log.
/// </summary>
internal static class ConsoleWidth
{
    public const int Redirected = 160;

    public static void WidenWhenRedirected()
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Redirected;
    }
}
