using System.CommandLine;
using Ari.Cli.Commands;

namespace Ari.Cli.Cli;

/// <summary>
/// The command tree and the one place that turns exceptions into `error:` lines and exit codes:
/// 2 for usage errors, 1 for failures, no stack trace unless --verbose.
/// </summary>
internal static class CliApp
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Print more detail, and stack traces on errors",
        Recursive = true,
    };

    public static RootCommand Build()
    {
        var root = new RootCommand(
            "Ari: group-level fMRI analysis with All-Resolution Inference (true discovery proportions for clusters).")
        {
            Verbose,
        };
        foreach (var command in CommandCatalog.All())
            root.Add(command);
        return root;
    }

    public static int Run(string[] args)
    {
        var root = Build();
        ParseResult parse;
        try
        {
            parse = root.Parse(args);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        bool verbose = args.Contains("--verbose") || args.Contains("-v");
        if (args.Length == 0)
        {
            root.Parse("--help").Invoke();
            return ExitCodes.Success;
        }
        if (parse.Errors.Count > 0)
        {
            var first = parse.UnmatchedTokens.Count > 0 && parse.CommandResult.Command.TreatUnmatchedTokensAsErrors
                ? $"unrecognized {(parse.UnmatchedTokens[0].StartsWith('-') ? "option" : "command or argument")} '{parse.UnmatchedTokens[0]}'"
                : parse.Errors[0].Message;
            Console.Error.WriteLine($"error: {OneLine(first)}");
            Console.Error.WriteLine($"Run '{CommandPath(parse)} --help' for usage.");
            return ExitCodes.Usage;
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return Report(e, verbose);
        }
    }

    /// <summary>Prints an exception as one `error:` line and returns the exit code it deserves.</summary>
    public static int Report(Exception e, bool verbose)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } aggregate) e = aggregate.InnerExceptions[0];
        while (e is System.Reflection.TargetInvocationException { InnerException: { } inner }) e = inner;
        switch (e)
        {
            case UsageException:
                Console.Error.WriteLine($"error: {OneLine(e.Message)}");
                return ExitCodes.Usage;
            case Ari.IO.OutputCollisionException collision:
                Console.Error.WriteLine($"error: {OneLine(ParameterOptions.MessageOf(collision))}");
                return ExitCodes.Usage;
            case AriException ari:
                Console.Error.WriteLine($"error: {OneLine(ParameterOptions.MessageOf(ari))}");
                if (verbose) Console.Error.WriteLine(e.ToString());
                return ExitCodes.Failure;
            case OperationCanceledException:
                Console.Error.WriteLine("error: interrupted");
                return ExitCodes.Interrupted;
            case OutOfMemoryException:
                Console.Error.WriteLine("error: out of memory");
                return ExitCodes.Failure;
            default:
                Console.Error.WriteLine($"error: unexpected {e.GetType().Name}: {OneLine(e.Message)}{(verbose ? "" : " (run with --verbose for details)")}");
                if (verbose) Console.Error.WriteLine(e.ToString());
                return ExitCodes.Failure;
        }
    }

    private static string OneLine(string message) =>
        string.Join(" ", message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (System.CommandLine.Parsing.CommandResult? result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Add(result.Command is RootCommand ? "ari" : result.Command.Name);
        names.Reverse();
        return string.Join(" ", names);
    }
}
