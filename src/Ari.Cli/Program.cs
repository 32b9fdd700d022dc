using Ari.Platform;
using Ari.Cli.Cli;

TransparentHugePages.AdviseManagedHeap();
StageTraceOutput.EnableFromEnvironment();
return CliApp.Run(args);
