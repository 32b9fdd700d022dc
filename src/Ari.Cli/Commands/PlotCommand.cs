using System.CommandLine;

namespace Ari.Cli.Commands;

public static class PlotCommand
{
    public static Command Create()
    {
        var command = new Command("plot", "(not yet available)");
        command.SetAction(_ => { Console.Error.WriteLine("error: 'plot' is not implemented yet"); return 1; });
        return command;
    }
}
