using System.CommandLine;

namespace Ari.Cli.Commands;

public static class SimulateCommand
{
    public static Command Create()
    {
        var command = new Command("simulate", "(not yet available)");
        command.SetAction(_ => { Console.Error.WriteLine("error: 'simulate' is not implemented yet"); return 1; });
        return command;
    }
}
