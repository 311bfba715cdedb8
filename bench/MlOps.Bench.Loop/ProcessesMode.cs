using System.Net;
using MlOps.Platform.Net;
using MlOps.Testing;

/// <summary>
/// The services as separate OS processes over the Pub/Sub test server, set up as DistributedLoopTests
/// sets them up, and the loop driven by the built CLI's <c>drive</c>. The onset is when the driver
/// wrote that the drift began; the other stages are what the services recorded.
/// </summary>
internal static class ProcessesMode
{
    public static async Task<LoopRun> RunAsync(CancellationToken cancellationToken)
    {
        await using var pubsub = await PubSubTestServer.StartAsync();
        using var artifacts = new TempDirectory("mlops-bench-loop-processes");
        var common = new Dictionary<string, string>
        {
            ["MlOps__Transport"] = "PubSub",
            ["MlOps__PubSub__ProjectId"] = $"bench-{Guid.NewGuid():N}"[..20],
            ["MlOps__PubSub__EmulatorHost"] = pubsub.Host,
            ["MlOps__Artifacts__Root"] = artifacts.Path,
        };
        var ports = Enumerable.Range(0, 5).Select(_ => LoopbackPort.Free()).ToArray();
        var services = new Dictionary<string, ServiceProcess>();
        try
        {
            void Start(string name, string resource, int port, Dictionary<string, string> own) =>
                services[resource] = ServiceProcess.Start(name, port, common.Concat(own).ToDictionary());

            Start("Trainer", "trainer", ports[0], new() { ["Trainer__NewestSnapshots"] = "3" });
            Start("Registry", "registry", ports[1], []);
            Start("Deployer", "deployer", ports[2], new()
            {
                ["Deployer__Strategy"] = "canary",
                ["Deployer__Canary__TrafficPercent"] = "20",
                ["Deployer__Canary__HealthyPredictions"] = "200",
            });
            Start("DriftWatcher", "drift-watcher", ports[3], new() { ["DriftWatcher__WindowSize"] = "400" });
            Start("Predictor", "predictor", ports[4], new() { ["Predictor__LogToStdout"] = "false", ["services__deployer__http__0"] = $"http://127.0.0.1:{ports[2]}" });
            await HealthyAsync(services.Values, cancellationToken);

            var run = await Cli.RunAsync(
                ["drive", "--trainer", services["trainer"].Url, "--predictor", services["predictor"].Url, "--registry", services["registry"].Url,
                 "--deployer", services["deployer"].Url, "--drift-watcher", services["drift-watcher"].Url, "--artifacts", artifacts.Path],
                TimeSpan.FromMinutes(6));
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException($"mlops drive exited {run.ExitCode}: {run.Error}\n{run.Output}\n" + string.Join("\n", services.Values.Select(s => $"--- {s.Name}:\n{s.Output()}")));
            }

            var onset = run.First("drift begins")?.At ?? throw new InvalidOperationException($"mlops drive never wrote that the drift began:\n{run.Output}");
            return await ServiceStages.ReadAsync(resource => new HttpClient { BaseAddress = new Uri(services[resource].Url), Timeout = TimeSpan.FromSeconds(30) }, onset, cancellationToken);
        }
        finally
        {
            foreach (var service in services.Values)
            {
                service.Dispose();
            }
        }
    }

    private static async Task HealthyAsync(IEnumerable<ServiceProcess> services, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var service in services)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            while (!await HealthyAsync(http, service.Url, cancellationToken))
            {
                if (service.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"{service.Name} did not report healthy ({(service.HasExited ? "it exited" : "90 s")}):\n{service.Output()}");
                }

                await Task.Delay(200, cancellationToken);
            }
        }
    }

    private static async Task<bool> HealthyAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync($"{url}/health", cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
