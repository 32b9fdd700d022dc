using Ari.Cli.Cli;

return CliApp.Run(args);
