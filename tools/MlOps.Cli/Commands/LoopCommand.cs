using System.CommandLine;
using Microsoft.Extensions.Hosting;
using MlOps.Cli.Loop;
using MlOps.Core.Synthetic;
using MlOps.Deployer;
using MlOps.DriftWatcher;
using MlOps.Platform.Configuration;

namespace MlOps.Cli.Commands;

internal static class LoopCommand
{
    /// <summary>
    /// What closes the loop within 5 s of the drift's onset. The DriftWatcher judges windows of 300 live
    /// predictions (0.75 s at 400 requests/s; stable windows score under 0.06 against the 0.1 threshold,
    /// drifted ones 0.12–0.15). The canary takes half the traffic and is judged on as many real predictions
    /// as its latency verdict needs (200), about a second, where a fifth of the traffic took four; the
    /// Deployer looks at it every 100 ms.
    /// </summary>
    private static readonly Dictionary<string, string?> LatencySettings = new()
    {
        [SettingKey.For<DriftWatcherOptions>(o => o.WindowSize)] = "300",
        [SettingKey.For<DeployerOptions>(o => o.Canary.TrafficPercent)] = "50",
        [SettingKey.For<DeployerOptions>(o => o.Canary.HealthyPredictions)] = new CanaryOptions().MinimumForLatency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [SettingKey.For<DeployerOptions>(o => o.PollMilliseconds)] = "100",
    };

    public static Command Create(CliConsole console)
    {
        var workdir = new Option<string>("--workdir") { Description = "Working directory for data, packages and databases (recreated)", DefaultValueFactory = _ => Path.Combine(".mlops", "loop") };
        var scenario = new Option<string>("--scenario") { Description = "Drift to inject: airport-surge, tipping-change or payment-shift", DefaultValueFactory = _ => "airport-surge" };
        var strategy = new Option<string>("--strategy") { Description = "Rollout strategy: canary or immediate", DefaultValueFactory = _ => "canary" };
        var rows = new Option<int>("--rows") { Description = "Rows per daily snapshot", DefaultValueFactory = _ => 20_000 };
        var rps = new Option<double>("--rps") { Description = "Prediction requests per second", DefaultValueFactory = _ => 400 };
        var serve = new Option<bool>("--serve") { Description = "Serve the console while the loop runs and keep everything running after it closes, printing the URLs" };
        var verbose = new Option<bool>("--verbose") { Description = "Show the services' own logs" };

        var command = new Command("loop", "Run the closed loop embedded: train, register, gate, deploy, serve, monitor, retrain")
        {
            workdir, scenario, strategy, rows, rps, serve, verbose, CommandExtensions.Json,
        };
        command.Handle(console, async (parse, cancellationToken) =>
        {
            var json = parse.GetValue(CommandExtensions.Json);
            var kind = DataCommands.ParseScenario(parse.GetValue(scenario)!);
            if (kind == DriftScenario.None)
            {
                throw new CliException("--scenario must name a drift: airport-surge, tipping-change or payment-shift");
            }

            if (!Enum.TryParse<RolloutStrategy>(parse.GetValue(strategy), ignoreCase: true, out var rollout))
            {
                throw new CliException($"--strategy must be one of {string.Join(", ", Enum.GetNames<RolloutStrategy>().Select(n => n.ToLowerInvariant()))}, got '{parse.GetValue(strategy)}'");
            }

            if (rollout == RolloutStrategy.GitOps)
            {
                throw new CliException("--strategy gitops runs an environment's deploy build in Cloud Build, which the embedded loop has not; rehearse an environment that rolls out through it: mlops env rehearse prod");
            }

            var options = new LoopOptions
            {
                WorkDirectory = parse.GetValue(workdir)!,
                Scenario = kind,
                Strategy = rollout,
                RowsPerSnapshot = parse.GetValue(rows),
                RequestsPerSecond = parse.GetValue(rps),
                Verbose = parse.GetValue(verbose),
                Console = parse.GetValue(serve),
                Settings = LatencySettings,
            };
            var timeline = new Timeline();
            if (!json)
            {
                console.Ansi.WriteLine($"MlOps closed loop — {Scenarios.Name(kind)} drift, {rollout.ToString().ToLowerInvariant()} rollout, working in {Path.GetFullPath(options.WorkDirectory)}");
                timeline.Added += e => { lock (console) { LoopReport.WriteEvent(console, e); } };
            }

            var runner = new LoopRunner(options, timeline);
            try
            {
                var result = await runner.RunAsync(cancellationToken);
                if (json)
                {
                    console.WriteJson(LoopReport.Json(result, timeline));
                }
                else
                {
                    LoopReport.WriteSummary(console, result, options);
                }

                if (result.Closed && parse.GetValue(serve) && runner.App is not null)
                {
                    LoopReport.WriteUrls(console, runner.BaseUrl!, options.Model);
                    await runner.App.WaitForShutdownAsync(cancellationToken);
                }

                if (!result.Closed)
                {
                    console.Error.WriteLine($"error: the loop did not close: {result.Problem}");
                }

                return result.Closed ? 0 : 1;
            }
            finally
            {
                if (runner.App is not null)
                {
                    await runner.App.StopAsync(CancellationToken.None);
                    await runner.App.DisposeAsync();
                }
            }
        });
        return command;
    }
}
