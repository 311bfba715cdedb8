using MlOps.Cli;

return await CliApp.RunAsync(args, CliConsole.System);
