using System.CommandLine;
using Microsoft.Extensions.Configuration;
using MlOps.Cli.Loop;
using MlOps.Core.Synthetic;
using MlOps.GitOps.Model;

namespace MlOps.Cli.Commands;

internal static class DriveCommand
{
    public static Command Create(CliConsole console)
    {
        var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var trainer = ServiceUrls.Option("trainer", environment);
        var predictor = ServiceUrls.Option("predictor", environment);
        var registry = ServiceUrls.Option("registry", environment);
        var deployer = ServiceUrls.Option("deployer", environment);
        var driftWatcher = ServiceUrls.Option("drift-watcher", environment);
        var artifacts = new Option<string>("--artifacts") { Description = "The services' shared artifact folder (default: MlOps:Artifacts:Root)", DefaultValueFactory = _ => environment["MlOps:Artifacts:Root"] ?? "" };
        var scenario = new Option<string>("--scenario") { Description = "airport-surge, tipping-change or payment-shift", DefaultValueFactory = _ => "airport-surge" };
        var rows = new Option<int>("--rows") { Description = "Rows per snapshot", DefaultValueFactory = _ => 8000 };
        var rps = new Option<double>("--rps") { Description = "Prediction requests per second", DefaultValueFactory = _ => 250 };
        var tokens = new Option<string[]>("--token") { Description = IdTokenArguments.Description, DefaultValueFactory = _ => environment[IdTokenArguments.Variable] is { Length: > 0 } token ? [token] : [] };

        var command = new Command("drive", "Drive the loop against running services (separate processes over Pub/Sub, e.g. under Aspire)")
        {
            trainer, predictor, registry, deployer, driftWatcher, artifacts, scenario, rows, rps, tokens, CommandExtensions.Json,
        };
        command.Handle(console, async (parse, cancellationToken) =>
        {
            var kind = DataCommands.ParseScenario(parse.GetValue(scenario)!);
            var options = new DriveOptions(ServiceUrls.Need(parse, trainer), ServiceUrls.Need(parse, predictor), ServiceUrls.Need(parse, registry), ServiceUrls.Need(parse, deployer), ServiceUrls.Need(parse, driftWatcher), Path.GetFullPath(ServiceUrls.Need(parse, artifacts)));
            options = options with
            {
                IdTokens = IdTokenArguments.Parse(parse.GetValue(tokens) ?? [], new Dictionary<string, string>
                {
                    [ServiceNames.Trainer] = options.Trainer,
                    [ServiceNames.Predictor] = options.Predictor,
                    [ServiceNames.Registry] = options.Registry,
                    [ServiceNames.Deployer] = options.Deployer,
                    [ServiceNames.DriftWatcher] = options.DriftWatcher,
                }),
                Scenario = kind == DriftScenario.None ? throw new CliException("--scenario must name a drift") : kind,
                RowsPerSnapshot = parse.GetValue(rows),
                RequestsPerSecond = parse.GetValue(rps),
            };
            var json = parse.GetValue(CommandExtensions.Json);
            var started = DateTime.UtcNow;
            var driver = new ServiceDriver(options, (service, what) =>
            {
                if (!json)
                {
                    lock (console)
                    {
                        console.Ansi.MarkupLine($"[grey]{DateTime.UtcNow - started:mm\\:ss\\.f}[/]  [bold]{Markup.Escape(service),-12}[/] {Markup.Escape(what)}");
                    }
                }
            });
            try
            {
                var result = await driver.RunAsync(cancellationToken);
                if (json)
                {
                    console.WriteJson(result);
                }
                else
                {
                    console.Ansi.WriteLine($"loop closed: v{result.FromVersion} → v{result.ToVersion} in {result.LoopLatency.TotalSeconds:F1} s after the drift began; {result.Requests:N0} requests, {result.FailedRequests} failed");
                }

                return 0;
            }
            catch (LoopFailedException e)
            {
                console.Error.WriteLine($"error: the loop did not close: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
