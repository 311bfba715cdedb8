using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using MlOps.Cli;
using MlOps.Contracts;

namespace MlOps.Loop.Tests;

/// <summary>
/// The whole loop across separate OS processes — Trainer, Registry, Deployer, Predictor and
/// DriftWatcher hosts and the Pub/Sub server — sharing nothing but messages, HTTP and the artifact folder.
/// </summary>
public sealed class DistributedLoopTests : IAsyncLifetime
{
    private const string Model = "taxi-tips";
    private readonly string _artifacts = Path.Combine(Path.GetTempPath(), "mlops-distributed", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, ServiceProcess> _services = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private PubSubTestServer? _pubsub;

    public async Task InitializeAsync()
    {
        _pubsub = await PubSubTestServer.StartAsync();

        var common = new Dictionary<string, string>
        {
            ["MlOps__Transport"] = "PubSub",
            ["MlOps__PubSub__ProjectId"] = $"mlops-{Guid.NewGuid():N}"[..20],
            ["MlOps__PubSub__EmulatorHost"] = _pubsub.Host,
            ["MlOps__Artifacts__Root"] = _artifacts,
        };
        var ports = Enumerable.Range(0, 5).Select(_ => LoopbackPort.Free()).ToArray();
        Start("Trainer", ports[0], common, new() { ["Trainer__NewestSnapshots"] = "3" });
        Start("Registry", ports[1], common, []);
        Start("Deployer", ports[2], common, new()
        {
            ["Deployer__Strategy"] = "canary",
            ["Deployer__Canary__TrafficPercent"] = "20",
            ["Deployer__Canary__HealthyPredictions"] = "200",
        });
        Start("DriftWatcher", ports[3], common, new() { ["DriftWatcher__WindowSize"] = "400" });
        Start("Predictor", ports[4], common, new() { ["Predictor__LogToStdout"] = "false", ["services__deployer__http__0"] = $"http://127.0.0.1:{ports[2]}" });

        // The Predictor is healthy once it has the Deployer's desired state (nothing to serve, at first).
        foreach (var service in _services.Values)
        {
            await Until(async () => await Status(service.Url + "/health") == HttpStatusCode.OK, $"{service.Name} to report healthy");
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var service in _services.Values)
        {
            service.Dispose();
        }

        if (_pubsub is not null)
        {
            await _pubsub.DisposeAsync();
        }

        _http.Dispose();
        try
        {
            Directory.Delete(_artifacts, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Drift_is_detected_and_v2_trained_promoted_and_serving_across_processes_over_pub_sub()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await CliApp.RunAsync(
            ["drive", "--trainer", _services["Trainer"].Url, "--predictor", _services["Predictor"].Url, "--registry", _services["Registry"].Url, "--deployer", _services["Deployer"].Url,
             "--drift-watcher", _services["DriftWatcher"].Url, "--artifacts", _artifacts, "--json"],
            CliConsole.Capture(output, error));

        Assert.True(exit == 0, $"{output}\n{error}\n" + string.Join("\n", _services.Values.Select(s => $"--- {s.Name}:\n{s.Output()}")));
        var result = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal((1, 2, 0L), (result.GetProperty("fromVersion").GetInt32(), result.GetProperty("toVersion").GetInt32(), result.GetProperty("failedRequests").GetInt64()));
        // The drift goes on after v2 serves, so a later window may raise another alert and a further
        // retrain may follow while this test reads: v1 and v2 are what this loop closed.
        var alerts = (await Drift()).GetProperty("alerts").EnumerateArray().ToList();
        Assert.All(alerts, a => Assert.Contains(a.GetProperty("kind").GetString(), new[] { DriftKinds.Skew, DriftKinds.Drift, DriftKinds.Performance }));
        var versions = (await _http.GetFromJsonAsync<JsonElement>($"{_services["Registry"].Url}/api/models/{Model}/versions")).EnumerateArray().ToList();
        var v2 = versions.Single(v => v.GetProperty("version").GetInt32() == 2);
        Assert.Equal("drift", v2.GetProperty("lineage").GetProperty("reason").GetString());
        Assert.Contains(v2.GetProperty("lineage").GetProperty("driftAlertId").GetString(), alerts.Select(a => a.GetProperty("alertId").GetString()));
        var deployments = (await _http.GetFromJsonAsync<JsonElement>($"{_services["Deployer"].Url}/api/deployments?model={Model}")).EnumerateArray()
            .Where(d => d.GetProperty("version").GetInt32() <= 2).ToList();
        Assert.Equal(["Completed", "Completed"], deployments.Select(d => d.GetProperty("state").GetString()));
        Assert.Equal("Canary", deployments.Single(d => d.GetProperty("version").GetInt32() == 2).GetProperty("strategy").GetString());
    }

    private void Start(string name, int port, Dictionary<string, string> common, Dictionary<string, string> own) =>
        _services[name] = ServiceProcess.Start(name, port, common.Concat(own).ToDictionary());

    private async Task<JsonElement> Drift() => await _http.GetFromJsonAsync<JsonElement>($"{_services["DriftWatcher"].Url}/api/drift/{Model}");

    private async Task<HttpStatusCode?> Status(string url)
    {
        try
        {
            return (await _http.GetAsync(url)).StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private async Task Until(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (!await condition())
        {
            var exited = _services.Values.FirstOrDefault(s => s.HasExited);
            if (exited is not null || DateTime.UtcNow > deadline)
            {
                var why = exited is not null ? $"{exited.Name} exited" : $"waited {(timeout ?? TimeSpan.FromSeconds(90)).TotalSeconds:F0} s for {what}";
                throw new TimeoutException(why + "\n" + string.Join("\n", _services.Values.Select(s => $"--- {s.Name}:\n{s.Output()}")));
            }

            await Task.Delay(200);
        }
    }

}
