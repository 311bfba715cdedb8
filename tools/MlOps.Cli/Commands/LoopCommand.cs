using System.CommandLine;

namespace MlOps.Cli.Commands;

internal static class LoopCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("loop", "Run the closed loop embedded: train, register, gate, deploy, serve, monitor, retrain");
        command.Handle(console, _ =>
        {
            console.Error.WriteLine("error: the embedded closed loop is not built yet; today the CLI can generate data, infer schemas, validate, train, evaluate, predict and measure drift (see mlops --help)");
            return 2;
        });
        return command;
    }
}
