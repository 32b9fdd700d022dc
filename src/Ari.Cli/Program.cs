using Ari.Platform;
using Ari.Cli.Cli;

TransparentHugePages.AdviseManagedHeap();
StageTraceOutput.EnableFromEnvironment();
ConsoleWidth.WidenWhenRedirected();
return CliApp.Run(args);
