using System.CommandLine;

namespace Ari.Cli.Commands;

public static class ReportCommand
{
    public static Command Create()
    {
        var command = new Command("report", "(not yet available)");
        command.SetAction(_ => { Console.Error.WriteLine("error: 'report' is not implemented yet"); return 1; });
        return command;
    }
}
