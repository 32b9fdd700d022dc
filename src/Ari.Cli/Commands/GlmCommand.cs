using System.CommandLine;

namespace Ari.Cli.Commands;

public static class GlmCommand
{
    public static Command Create()
    {
        var command = new Command("glm", "(not yet available)");
        command.SetAction(_ => { Console.Error.WriteLine("error: 'glm' is not implemented yet"); return 1; });
        return command;
    }
}
