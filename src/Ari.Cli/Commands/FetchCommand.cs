using System.CommandLine;

namespace Ari.Cli.Commands;

public static class FetchCommand
{
    public static Command Create()
    {
        var command = new Command("fetch", "(not yet available)");
        command.SetAction(_ => { Console.Error.WriteLine("error: 'fetch' is not implemented yet"); return 1; });
        return command;
    }
}
