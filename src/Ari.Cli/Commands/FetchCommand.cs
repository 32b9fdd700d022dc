using System.CommandLine;
using Ari.Cli.Cli;
using Ari.Datasets;
using Ari.Datasets.Http;
using Ari.Datasets.Localizer;
using Ari.Datasets.Templates;
using Spectre.Console;

namespace Ari.Cli.Commands;

/// <summary>
/// `ari fetch localizer` (Brainomics/Localizer maps, like nilearn's fetch_localizer_contrasts) and
/// `ari fetch template` (the MNI152 2009 background). Paths of the files go to stdout, progress to stderr
/// (a progress bar when stderr is a terminal).
/// </summary>
internal static class FetchCommand
{
    public static Command Create()
    {
        var command = new Command("fetch", "Download a data set into the data folder (~/ari_data, ARI_DATA or --data-dir), or find it there");
        command.Add(CreateLocalizer());
        command.Add(CreateTemplate());
        return command;
    }

    private static Option<string?> DataDirOption() => new("--data-dir")
    {
        Description = $"Data folder (default: ${DataDirectory.EnvironmentVariable}, else ~/{DataDirectory.DefaultFolderName})",
    };

    private static Option<bool> QuietOption() => new("--quiet", "-q") { Description = "No progress lines" };

    private static Command CreateLocalizer()
    {
        var contrasts = new Option<string[]>("--contrast", "-c")
        {
            Description = "Contrast, by nilearn's friendly or original name; repeat for several",
            DefaultValueFactory = _ => [LocalizerContrasts.LeftVsRightButtonPress],
        };
        var subjects = NumberOptions.Whole("--subjects", $"Number of subjects, the first N of {LocalizerRequest.MaxSubjects} (S01, S02, ...)",
            16, 1, LocalizerRequest.MaxSubjects, "-n");
        var tmaps = new Option<bool>("--tmaps") { Description = "Also fetch the subjects' t maps" };
        var masks = new Option<bool>("--masks") { Description = "Also fetch the subjects' brain masks" };
        var list = new Option<bool>("--list-contrasts") { Description = "List the contrast names and exit" };
        var dataDir = DataDirOption();
        var quiet = QuietOption();
        var command = new Command("localizer",
            "Brainomics/Localizer first-level maps from OSF, as nilearn's fetch_localizer_contrasts (cached; OSF at $ARI_OSF_URL if set)")
        {
            contrasts, subjects, tmaps, masks, dataDir, list, quiet,
        };
        command.SetAction(async (parse, cancel) =>
        {
            if (parse.GetValue(list))
            {
                ListContrasts();
                return ExitCodes.Success;
            }
            var request = new LocalizerRequest
            {
                Contrasts = CheckContrasts(parse.GetValue(contrasts) ?? []),
                Subjects = CheckSubjects(parse.GetValue(subjects)),
                TMaps = parse.GetValue(tmaps),
                Masks = parse.GetValue(masks),
            };
            var options = new FetchOptions { DataDirectory = parse.GetValue(dataDir) };
            var data = await WithProgressAsync(parse.GetValue(quiet), "fetch", options,
                o => new LocalizerFetcher(o).FetchAsync(request, cancel));
            foreach (string path in data.ContrastMaps.Concat(data.TMaps).Concat(data.Masks))
                Console.WriteLine(path);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateTemplate()
    {
        var dataDir = DataDirOption();
        var quiet = QuietOption();
        var command = new Command("template",
            $"The MNI152 2009 T1 template (figure background), from $ARI_MNI_URL or nilearn's copy on GitHub (cached in DATA/{MniTemplate.Folder})")
        {
            dataDir, quiet,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var options = new FetchOptions { DataDirectory = parse.GetValue(dataDir) };
            string path = await WithProgressAsync(parse.GetValue(quiet), "fetch", options,
                o => MniTemplate.FetchAsync(o, cancel: cancel));
            Console.WriteLine(path);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Runs a fetch with its log lines on stderr ("[prefix] ...") and, when stderr is a terminal, a progress bar
    /// per file being downloaded. Quiet: neither.
    /// </summary>
    public static async Task<T> WithProgressAsync<T>(bool quiet, string prefix, FetchOptions options, Func<FetchOptions, Task<T>> fetch)
    {
        var terminal = new Terminal(quiet, prefix);
        if (quiet) return await fetch(options);
        if (Console.IsErrorRedirected)
            return await fetch(options with { Log = terminal.Progress });

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<int, ProgressTask>();
                void Report(DownloadProgress p)
                {
                    lock (tasks)
                    {
                        if (!tasks.TryGetValue(p.FileNumber, out var task))
                        {
                            string label = p.FileCount > 1 ? $"{p.FileNumber}/{p.FileCount} {p.FileName}" : p.FileName;
                            tasks[p.FileNumber] = task = context.AddTask(Markup.Escape(label), maxValue: Math.Max(1, p.TotalBytes ?? 1));
                            task.IsIndeterminate = p.TotalBytes is null;
                        }
                        if (p.TotalBytes is { } total && total != (long)task.MaxValue) { task.MaxValue = Math.Max(1, total); task.IsIndeterminate = false; }
                        task.Value = p.BytesReceived;
                        if (p.Completed) { task.Value = task.MaxValue; task.StopTask(); }
                    }
                }
                void Log(string line) => console.WriteLine($"[{prefix}] {line.TrimStart()}");
                return await fetch(options with { Log = Log, Progress = Report });
            });
    }

    private static string[] CheckContrasts(string[] names)
    {
        if (names.Length == 0) throw new UsageException("--contrast: give at least one contrast name");
        foreach (string name in names)
        {
            try { LocalizerContrasts.Original(name); }
            catch (AriException e) { throw new UsageException($"--contrast: {e.Message}"); }
        }
        return names;
    }

    private static int CheckSubjects(int subjects) =>
        subjects is >= 1 and <= LocalizerRequest.MaxSubjects ? subjects
            : throw new UsageException($"--subjects: must be between 1 and {LocalizerRequest.MaxSubjects}, got {subjects}");

    private static void ListContrasts()
    {
        Console.WriteLine("friendly name\toriginal Brainomics name\tfile name part");
        foreach (var (friendly, original) in LocalizerContrasts.Table)
            Console.WriteLine($"{friendly}\t{original}\t{LocalizerContrasts.Wrap(original)}");
    }
}
