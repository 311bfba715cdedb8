using System.CommandLine;
using MlOps.Cli.Commands;

namespace MlOps.Cli;

/// <summary>The <c>mlops</c> command line.</summary>
public static class CliApp
{
    public static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("MlOps: train, validate, serve and monitor ML.NET models, and run the closed loop.")
        {
            DataCommands.Create(console),
            SchemaCommands.Create(console),
            ValidateCommand.Create(console),
            TrainCommand.Create(console),
            EvaluateCommand.Create(console),
            PredictCommand.Create(console),
            DriftCommand.Create(console),
            LoopCommand.Create(console),
            DriveCommand.Create(console),
            TrafficCommand.Create(console),
            EnvCommands.Create(console),
        };
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, cancellationToken);
    }
}
