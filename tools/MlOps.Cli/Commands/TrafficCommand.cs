using System.CommandLine;
using Microsoft.Extensions.Configuration;
using MlOps.Cli.Loop;
using MlOps.GitOps.Model;

namespace MlOps.Cli.Commands;

internal static class TrafficCommand
{
    public static Command Create(CliConsole console)
    {
        var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var predictor = ServiceUrls.Option("predictor", environment);
        var driftWatcher = ServiceUrls.Option("drift-watcher", environment);
        var artifacts = new Option<string>("--artifacts") { Description = "The services' shared artifact folder (default: MlOps:Artifacts:Root)", DefaultValueFactory = _ => environment["MlOps:Artifacts:Root"] ?? "" };
        var scenario = new Option<string>("--scenario") { Description = "The traffic to start with: none, airport-surge, tipping-change or payment-shift", DefaultValueFactory = _ => "none" };
        var rps = new Option<double>("--rps") { Description = "Prediction requests per second", DefaultValueFactory = _ => 50 };
        var rows = new Option<int>("--rows") { Description = "Rows per labelled snapshot written on a shift", DefaultValueFactory = _ => 8000 };
        var tokens = new Option<string[]>("--token") { Description = IdTokenArguments.Description, DefaultValueFactory = _ => environment[IdTokenArguments.Variable] is { Length: > 0 } token ? [token] : [] };
        var port = new Option<int>("--port") { Description = "Port of the control API on 127.0.0.1 (default: PORT)", DefaultValueFactory = _ => int.TryParse(environment["PORT"], out var p) ? p : 0 };

        var command = new Command("traffic", "Send steady prediction traffic to running services, shifted to a drift scenario through its control API")
        {
            predictor, driftWatcher, artifacts, scenario, rps, rows, tokens, port,
        };
        command.Handle(console, async (parse, cancellationToken) =>
        {
            var options = new TrafficOptions(ServiceUrls.Need(parse, predictor), ServiceUrls.Need(parse, driftWatcher), Path.GetFullPath(ServiceUrls.Need(parse, artifacts)))
            {
                Scenario = DataCommands.ParseScenario(parse.GetValue(scenario)!),
                RequestsPerSecond = parse.GetValue(rps) is > 0 and var r ? r : throw new CliException("--rps must be positive"),
                RowsPerSnapshot = parse.GetValue(rows) is > 0 and var n ? n : throw new CliException("--rows must be positive"),
            };
            options = options with
            {
                IdTokens = IdTokenArguments.Parse(parse.GetValue(tokens) ?? [], new Dictionary<string, string> { [ServiceNames.Predictor] = options.Predictor, [ServiceNames.DriftWatcher] = options.DriftWatcher }),
            };
            var listen = parse.GetValue(port) is > 0 and var p ? p : throw new CliException("--port (or PORT) is required for the control API");
            await using var control = new TrafficControl(options, (service, what) => console.Ansi.MarkupLine($"[bold]{Markup.Escape(service),-12}[/] {Markup.Escape(what)}"));
            await control.RunAsync(listen, cancellationToken);
            return 0;
        });
        return command;
    }
}
