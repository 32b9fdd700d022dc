using Ari.Platform;
using Ari.Cli.Cli;

TransparentHugePages.AdviseManagedHeap();
return CliApp.Run(args);
