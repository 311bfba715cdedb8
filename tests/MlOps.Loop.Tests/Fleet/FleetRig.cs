using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Contracts.Fleet;
using MlOps.Platform.Messaging;
using MlOps.Rehearsal.Front;

namespace MlOps.Loop.Tests.Fleet;

/// <summary>
/// A Deployer and Predictor replicas as separate OS processes over the Pub/Sub test server, sharing
/// an artifact folder, with a real front (YARP) before the replicas and a bus to publish promotions
/// the way the Registry does.
/// </summary>
internal sealed class FleetRig : IAsyncDisposable
{
    public const string Model = "taxi";

    private readonly Dictionary<string, string> _common;
    private readonly Dictionary<string, string> _deployerSettings;
    private readonly Dictionary<string, ServiceProcess> _replicas = [];
    private readonly PubSubTestServer _pubsub;
    private readonly IHost _publisher;
    private readonly int _deployerPort = LoopbackPort.Free();

    private FleetRig(PubSubTestServer pubsub, IHost publisher, Dictionary<string, string> common, Dictionary<string, string> deployer, FrontProxy front, string artifacts)
    {
        _pubsub = pubsub;
        _publisher = publisher;
        _common = common;
        _deployerSettings = deployer;
        Front = front;
        Artifacts = artifacts;
    }

    public string Artifacts { get; }

    public FrontProxy Front { get; }

    public ServiceProcess Deployer { get; private set; } = null!;

    public string DeployerUrl => $"http://127.0.0.1:{_deployerPort}";

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public IReadOnlyDictionary<string, ServiceProcess> Replicas => _replicas;

    public static async Task<FleetRig> StartAsync(Dictionary<string, string> deployerSettings)
    {
        var pubsub = await PubSubTestServer.StartAsync();
        var artifacts = Path.Combine(Path.GetTempPath(), "mlops-fleet", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(artifacts);
        var common = new Dictionary<string, string>
        {
            ["MlOps__Transport"] = "PubSub",
            ["MlOps__PubSub__ProjectId"] = $"fleet-{Guid.NewGuid():N}"[..20],
            ["MlOps__PubSub__EmulatorHost"] = pubsub.Host,
            ["MlOps__Artifacts__Root"] = artifacts,
        };

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(common.ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv.Value));
        builder.AddMessageBus();
        var publisher = builder.Build();
        await publisher.StartAsync();

        var rig = new FleetRig(pubsub, publisher, common, deployerSettings, await FrontProxy.StartAsync(LoopbackPort.Free()), artifacts);
        await rig.StartDeployerAsync();
        return rig;
    }

    /// <summary>Starts the Deployer on its port with its database in the artifact folder, so a restart keeps both.</summary>
    public async Task StartDeployerAsync()
    {
        Deployer = ServiceProcess.Start("Deployer", _deployerPort, new Dictionary<string, string>(_common.Concat(_deployerSettings))
        {
            ["ConnectionStrings__Deployments"] = $"Data Source={Path.Combine(Artifacts, "deployments.db")}",
            ["Logging__LogLevel__Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
        });
        await UntilAsync(async () => await StatusAsync(DeployerUrl + "/health") == HttpStatusCode.OK, "the Deployer to report healthy");
    }

    /// <summary>
    /// Starts a Predictor replica and, once its startup probe passes (it has the desired state), lets
    /// the front send it traffic, as Cloud Run does. Returns when it first answered <c>/alive</c> and
    /// when it passed <c>/started</c>.
    /// </summary>
    public async Task<(TimeSpan Alive, TimeSpan Started)> StartReplicaAsync(string name, bool behindFront = true)
    {
        var launched = Stopwatch.GetTimestamp();
        var port = LoopbackPort.Free();
        var replica = ServiceProcess.Start("Predictor", port, new Dictionary<string, string>(_common)
        {
            ["services__deployer__http__0"] = DeployerUrl,
            ["Predictor__Fleet__ReplicaId"] = name,
            ["Predictor__Fleet__ReportMilliseconds"] = "300",
            ["Predictor__Fleet__WaitSeconds"] = "5",
            ["Predictor__LogToStdout"] = "false",
            ["Predictor__PublishLogs"] = "false",
            ["Logging__LogLevel__Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
        });
        _replicas[name] = replica;
        TimeSpan? alive = null;
        await UntilAsync(async () =>
        {
            alive ??= await StatusAsync(replica.Url + "/alive") == HttpStatusCode.OK ? Stopwatch.GetElapsedTime(launched) : null;
            return alive is not null && await StatusAsync(replica.Url + "/started") == HttpStatusCode.OK;
        }, $"{name} to start", pollMilliseconds: 20);
        var started = Stopwatch.GetElapsedTime(launched);
        if (behindFront)
        {
            Front.Add(name, new Uri(replica.Url + "/"));
        }

        return (alive!.Value, started);
    }

    public void KillReplica(string name) => _replicas[name].Kill();

    /// <summary>Publishes what the Registry publishes when its gate promotes a version.</summary>
    public Task PromoteAsync(int version, string packageUri) =>
        _publisher.Services.GetRequiredService<IBus>().Publish(new ModelPromoted(Model, version, packageUri, version > 1 ? version - 1 : null,
            new GateVerdict(true, "test", 0.9, null, null, 0.7, 0.005), DateTimeOffset.UtcNow));

    public async Task<DeploymentView?> DeploymentAsync(int version) =>
        (await Http.GetFromJsonAsync<List<DeploymentView>>($"{DeployerUrl}/api/deployments?model={Model}", ApiJson.Options))!.FirstOrDefault(d => d.Version == version);

    public async Task<DeploymentView> UntilDeploymentAsync(int version, Func<DeploymentView, bool> condition, string what, TimeSpan? timeout = null)
    {
        DeploymentView? found = null;
        await UntilAsync(async () => (found = await TryAsync(() => DeploymentAsync(version)) ?? found) is { } d && condition(d), () => $"{what} (last seen: {found})", timeout);
        return found!;
    }

    public async Task<ReplicaStatus> StatusOfAsync(string replica) =>
        (await Http.GetFromJsonAsync<ReplicaStatus>($"{_replicas[replica].Url}/admin/fleet", ApiJson.Options))!;

    public async Task<EndpointView> EndpointOfAsync(string replica) =>
        (await Http.GetFromJsonAsync<EndpointView>($"{_replicas[replica].Url}/admin/endpoints/{Model}", ApiJson.Options))!;

    public async Task<List<ReplicaView>> FleetReplicasAsync() =>
        (await Http.GetFromJsonAsync<List<ReplicaView>>($"{DeployerUrl}/api/fleet/replicas", ApiJson.Options))!;

    /// <summary>Whether the replica serves <paramref name="generation"/> of the model.</summary>
    public async Task<bool> ServesAsync(string replica, long generation) =>
        await TryAsync<ReplicaStatus>(async () => await StatusOfAsync(replica)) is { } status && status.Generations.GetValueOrDefault(Model) == generation;

    public Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, int pollMilliseconds = 100) =>
        UntilAsync(condition, () => what, timeout, pollMilliseconds);

    public async Task UntilAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan? timeout = null, int pollMilliseconds = 100)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(90);
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (!await condition())
        {
            var exited = _replicas.Values.Append(Deployer).FirstOrDefault(s => s is not null && s.HasExited && s.ExitCode != 137 && s.ExitCode != -1);
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"waited {limit.TotalSeconds:F0} s for {what()}{(exited is null ? "" : $" ({exited.Name} exited with {exited.ExitCode})")}\n{Outputs()}");
            }

            await Task.Delay(pollMilliseconds);
        }
    }

    public string Outputs() =>
        string.Join("\n", _replicas.Select(r => $"--- replica {r.Key}:\n{r.Value.Output()}").Prepend($"--- Deployer:\n{Deployer?.Output()}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas.Values)
        {
            replica.Dispose();
        }

        Deployer?.Dispose();
        await Front.DisposeAsync();
        await _publisher.StopAsync();
        _publisher.Dispose();
        await _pubsub.DisposeAsync();
        Http.Dispose();
        try
        {
            Directory.Delete(Artifacts, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<HttpStatusCode?> StatusAsync(string url)
    {
        try
        {
            using var response = await Http.GetAsync(url);
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static async Task<T?> TryAsync<T>(Func<Task<T?>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }
}
