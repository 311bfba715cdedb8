using System.Diagnostics;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Contracts.Fleet;
using MlOps.Core.Packaging;
using MlOps.Platform.Messaging;
using MlOps.Platform.Net;
using MlOps.Testing;

/// <summary>
/// How fast a fleet converges on the Deployer's desired state: a Deployer and N Predictor replicas as
/// processes over the Pub/Sub test server, a series of promotions (immediate strategy), and for each
/// one the time from the Deployer announcing the new revision to every replica serving it. The
/// reference, measured in the same run, is what a replica cannot avoid: loading and verifying the
/// same package in this process.
/// </summary>
internal static class ConvergenceBench
{
    public static async Task RunAsync(BenchArgs args)
    {
        var changes = args.Int("--changes", 100);
        var replicas = args.Int("--replicas", 3);
        var repeats = args.Int("--repeats", 3);
        Console.WriteLine($"fleet convergence: {replicas} replicas, {changes} promotions per run, median of {repeats} runs; machine: {Environment.ProcessorCount} cores");

        var runs = new List<Run>();
        for (var r = 0; r < repeats; r++)
        {
            var run = await MeasureAsync(changes, replicas);
            runs.Add(run);
            Console.WriteLine($"run {r + 1}: announce → all applied p50 {run.AnnounceP50:F0} ms, p99 {run.AnnounceP99:F0} ms; promotion published → all applied p50 {run.PublishP50:F0} ms, p99 {run.PublishP99:F0} ms; load+verify reference {run.LoadP50:F1} ms");
        }

        var p50 = Stats.Median(runs.Select(x => x.AnnounceP50));
        var p99 = Stats.Median(runs.Select(x => x.AnnounceP99));
        var load = Stats.Median(runs.Select(x => x.LoadP50));
        Console.WriteLine();
        Console.WriteLine("| | p50 ms | p99 ms |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| announce → every replica serves the new revision | {p50:F0} | {p99:F0} |");
        Console.WriteLine($"| ModelPromoted published → every replica serves it | {Stats.Median(runs.Select(x => x.PublishP50)):F0} | {Stats.Median(runs.Select(x => x.PublishP99)):F0} |");
        Console.WriteLine($"| reference: load + verify the package in one process | {load:F1} | |");
        Console.WriteLine();
        Console.WriteLine($"convergence p50 ÷ load+verify: {p50 / load:F2} (what following the Deployer adds to the unavoidable load)");
    }

    private static async Task<Run> MeasureAsync(int changes, int replicaCount)
    {
        await using var pubsub = await PubSubTestServer.StartAsync();
        using var artifacts = new TempDirectory("mlops-bench-fleet");
        var common = new Dictionary<string, string>
        {
            ["MlOps__Transport"] = "PubSub",
            ["MlOps__PubSub__ProjectId"] = $"bench-{Guid.NewGuid():N}"[..20],
            ["MlOps__PubSub__EmulatorHost"] = pubsub.Host,
            ["MlOps__Artifacts__Root"] = artifacts.Path,
        };
        var deployerPort = LoopbackPort.Free();
        var deployerUrl = $"http://127.0.0.1:{deployerPort}";
        using var deployer = ServiceProcess.Start("Deployer", deployerPort, new Dictionary<string, string>(common)
        {
            ["Deployer__Strategy"] = "immediate",
            ["ConnectionStrings__Deployments"] = $"Data Source={Path.Combine(artifacts.Path, "deployments.db")}",
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await UntilAsync(async () => (await http.GetAsync(deployerUrl + "/health")).IsSuccessStatusCode, "the Deployer");

        var fleet = new List<ServiceProcess>();
        try
        {
            for (var i = 0; i < replicaCount; i++)
            {
                var port = LoopbackPort.Free();
                fleet.Add(ServiceProcess.Start("Predictor", port, new Dictionary<string, string>(common)
                {
                    ["services__deployer__http__0"] = deployerUrl,
                    ["Predictor__Fleet__ReplicaId"] = $"r{i + 1}",
                    ["Predictor__LogToStdout"] = "false",
                    ["Predictor__PublishLogs"] = "false",
                }));
            }

            foreach (var replica in fleet)
            {
                await UntilAsync(async () => (await http.GetAsync(replica.Url + "/started")).IsSuccessStatusCode, replica.Url);
            }

            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(common.ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv.Value));
            builder.AddMessageBus();
            using var publisher = builder.Build();
            await publisher.StartAsync();
            var bus = publisher.Services.GetRequiredService<IPublishEndpoint>();

            var announce = new List<double>();
            var publish = new List<double>();
            var loads = new List<double>();
            var revision = (await http.GetFromJsonAsync<DesiredState>($"{deployerUrl}/api/fleet/desired", ApiJson.Options))!.Revision;
            for (var version = 1; version <= changes + 1; version++)
            {
                var uri = version % 2 == 1 ? Packages.WriteStable(artifacts.Path, $"v{version}") : Packages.WriteSurge(artifacts.Path, $"v{version}");
                var loading = Stopwatch.GetTimestamp();
                ModelPackage.Load(Path.Combine(artifacts.Path, uri)).Verify();
                var loaded = Stopwatch.GetElapsedTime(loading).TotalMilliseconds;

                var published = DateTimeOffset.UtcNow;
                await bus.Publish(new ModelPromoted("taxi", version, uri, version - 1, new GateVerdict(true, "bench", 0.9, null, null, 0.7, 0), published));

                // The bench follows the Deployer as a replica does; the revision's first sight is its announcement.
                DesiredState desired;
                do
                {
                    desired = (await http.GetFromJsonAsync<DesiredState>($"{deployerUrl}/api/fleet/desired?after={revision}&waitSeconds=8", ApiJson.Options))!;
                }
                while (desired.Revision == revision || desired.Models.SingleOrDefault()?.Versions.SingleOrDefault()?.Version != version);
                var announced = DateTimeOffset.UtcNow;
                revision = desired.Revision;

                var applied = new List<DateTimeOffset>();
                foreach (var replica in fleet)
                {
                    ReplicaStatus? status = null;
                    await UntilAsync(async () => (status = await http.GetFromJsonAsync<ReplicaStatus>(replica.Url + "/admin/fleet", ApiJson.Options))!.Revision >= desired.Revision, $"{replica.Url} to apply revision {desired.Revision}");
                    applied.Add(status!.AppliedAt!.Value);
                }

                await UntilAsync(async () => (await http.GetFromJsonAsync<List<DeploymentView>>($"{deployerUrl}/api/deployments?model=taxi", ApiJson.Options))!.Any(d => d.Version == version && d.State == "Completed"), $"v{version} to complete");
                if (version == 1)
                {
                    continue; // the first deployment also starts the replicas' first load of each code path
                }

                var last = applied.Max();
                announce.Add(Math.Max(0, (last - announced).TotalMilliseconds));
                publish.Add((last - published).TotalMilliseconds);
                loads.Add(loaded);
            }

            await publisher.StopAsync();
            return new Run(Stats.Percentile(announce, 0.5), Stats.Percentile(announce, 0.99), Stats.Percentile(publish, 0.5), Stats.Percentile(publish, 0.99), Stats.Percentile(loads, 0.5));
        }
        finally
        {
            foreach (var replica in fleet)
            {
                replica.Dispose();
            }
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"waited 60 s for {what}");
            }

            await Task.Delay(10);
        }
    }

    private sealed record Run(double AnnounceP50, double AnnounceP99, double PublishP50, double PublishP99, double LoadP50);
}
