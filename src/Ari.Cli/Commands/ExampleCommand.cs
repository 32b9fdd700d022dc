using System.CommandLine;

namespace Ari.Cli.Commands;

public static class ExampleCommand
{
    public static Command Create()
    {
        var command = new Command("example", "(not yet available)");
        command.SetAction(_ => { Console.Error.WriteLine("error: 'example' is not implemented yet"); return 1; });
        return command;
    }
}
