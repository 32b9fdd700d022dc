using System.CommandLine;

namespace Ari.Cli.Commands;

public static class TdpCommand
{
    public static Command Create()
    {
        var command = new Command("tdp", "(not yet available)");
        command.SetAction(_ => { Console.Error.WriteLine("error: 'tdp' is not implemented yet"); return 1; });
        return command;
    }
}
