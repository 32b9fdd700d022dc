using System.CommandLine;

namespace Ari.Cli.Commands;

/// <summary>The subcommands, in the order --help lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All() =>
    [
        ExampleCommand.Create(),
        FetchCommand.Create(),
        SimulateCommand.Create(),
        GlmCommand.Create(),
        TdpCommand.Create(),
        ClustersCommand.Create(),
        ThresholdCommand.Create(),
        PlotCommand.Create(),
        PermuteCommand.Create(),
        ReportCommand.Create(),
        InfoCommand.Create(),
        SlurmCommand.Create(),
    ];
}
