using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlOps.Contracts.Api;
using MlOps.Platform.Messaging;
using MlOps.Platform.Net;
using MlOps.Testing;

/// <summary>
/// A Deployer and Predictor replicas as their own processes over the Pub/Sub test server, serving the
/// serving bench's package, each process's CPU readable, and fronts (<see cref="FrontHost"/>) before
/// some of the replicas. Its rollouts are in ServingFleet.Rollouts.cs.
/// </summary>
internal sealed partial class ServingFleet : IAsyncDisposable
{
    public const string PredictPath = $"/v1/models/{ServingWorkload.Model}:predict";

    private readonly PubSubTestServer _pubsub;
    private readonly TempDirectory _artifacts;
    private readonly Dictionary<string, string> _common;
    private readonly IHost _publisher;
    private readonly int _deployerPort = LoopbackPort.Free();
    private readonly List<Running> _replicas = [];
    private readonly List<Running> _fronts = [];
    private string _strategy = "immediate";
    private int _version;

    private ServingFleet(PubSubTestServer pubsub, TempDirectory artifacts, Dictionary<string, string> common, IHost publisher)
    {
        _pubsub = pubsub;
        _artifacts = artifacts;
        _common = common;
        _publisher = publisher;
    }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public string DeployerUrl => $"http://127.0.0.1:{_deployerPort}";

    public Server Deployer { get; private set; } = null!;

    public IReadOnlyList<Running> Replicas => _replicas;

    /// <summary>A replica pinned to the package (<c>Predictor:PackageUri</c>): it follows no Deployer and reports nothing.</summary>
    public Running? Pinned { get; private set; }

    /// <summary>Every Predictor process: the replicas and the pinned one.</summary>
    public IEnumerable<Running> Predictors => Pinned is null ? _replicas : _replicas.Append(Pinned);

    /// <summary>Starts the Pub/Sub test server, a Deployer rolling out with <paramref name="strategy"/> and <paramref name="replicas"/> replicas serving nothing yet.</summary>
    public static async Task<ServingFleet> StartAsync(int replicas, string package, string strategy)
    {
        var pubsub = await PubSubTestServer.StartAsync();
        var artifacts = new TempDirectory("mlops-bench-fleet");
        foreach (var copy in new[] { "a", "b" })
        {
            CopyFolder(package, Path.Combine(artifacts.Path, PackageUri(copy)));
        }

        var common = new Dictionary<string, string>
        {
            ["MlOps__Transport"] = "PubSub",
            ["MlOps__PubSub__ProjectId"] = $"bench-{Guid.NewGuid():N}"[..20],
            ["MlOps__PubSub__EmulatorHost"] = pubsub.Host,
            ["MlOps__Artifacts__Root"] = artifacts.Path,
        };
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(common.ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv.Value));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddMessageBus();
        var publisher = builder.Build();
        await publisher.StartAsync();

        var fleet = new ServingFleet(pubsub, artifacts, common, publisher);
        try
        {
            await fleet.StartDeployerAsync(strategy);
            var starting = Enumerable.Range(1, replicas).Select(i => fleet.StartReplicaAsync($"r{i}", pinned: false)).ToList();
            var pinning = fleet.StartReplicaAsync("pinned", pinned: true);
            try
            {
                await Task.WhenAll([.. starting, pinning]);
            }
            finally
            {
                fleet._replicas.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
                fleet.Pinned = pinning.IsCompletedSuccessfully ? pinning.Result : null;
            }

            return fleet;
        }
        catch
        {
            // The processes would outlive this one.
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the Deployer and starts it again on its port and database, rolling out with <paramref name="strategy"/> from now on.</summary>
    public async Task RestartDeployerAsync(string strategy)
    {
        Deployer.Dispose();
        await StartDeployerAsync(strategy);
    }

    /// <summary>A front before the first <paramref name="replicas"/> replicas, in its own process.</summary>
    public async Task<Running> StartFrontAsync(int replicas)
    {
        var port = LoopbackPort.Free();
        var url = $"http://127.0.0.1:{port}";
        string[] arguments = [typeof(FrontHost).Assembly.Location, "--front", port.ToString(CultureInfo.InvariantCulture), .. _replicas.Take(replicas).Select(r => r.Url)];
        // Server GC, as ASP.NET Core's web SDK gives every server it builds.
        var front = new Running(await Server.Start("dotnet", arguments, new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" }, url + "/started"), url);
        _fronts.Add(front);
        return front;
    }

    /// <summary>
    /// Waits, at most 30 s, for the fleet's processes together to use under a tenth of a core, so a
    /// run starts from a quiet fleet rather than the tail of a start, a restart's JIT or the last change's
    /// loads; false if it never was.
    /// </summary>
    public async Task<bool> SettleAsync()
    {
        var processes = _fronts.Concat(Predictors).Select(r => r.Process).Append(Deployer).ToList();
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var before = processes.Sum(p => p.CpuTime().TotalMilliseconds);
            await Task.Delay(500);
            if (processes.Sum(p => p.CpuTime().TotalMilliseconds) - before < 50)
            {
                return true;
            }
        }

        return false;
    }

    public async Task<EndpointView> EndpointAsync(Running replica) =>
        (await Http.GetFromJsonAsync<EndpointView>($"{replica.Url}/admin/endpoints/{ServingWorkload.Model}", ApiJson.Options))!;

    /// <summary>Requests each replica has answered under its current split.</summary>
    public async Task<long[]> AnsweredAsync() =>
        await Task.WhenAll(_replicas.Select(async r => (await EndpointAsync(r)).Versions.Sum(v => v.Requests)));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _fronts.Concat(Predictors))
        {
            process.Process.Dispose();
        }

        Deployer?.Dispose();
        await _publisher.StopAsync();
        _publisher.Dispose();
        await _pubsub.DisposeAsync();
        Http.Dispose();
        _artifacts.Dispose();
    }

    private static string PackageUri(string copy) => $"packages/{ServingWorkload.Model}/{copy}";

    private async Task StartDeployerAsync(string strategy)
    {
        _strategy = strategy;
        Deployer = await StartServiceAsync("Deployer", _deployerPort, new Dictionary<string, string>(_common.Concat(HeldCanary))
        {
            ["Deployer__Strategy"] = strategy,
            ["ConnectionStrings__Deployments"] = $"Data Source={Path.Combine(_artifacts.Path, "deployments.db")}",
        }, "/health");
    }

    private async Task<Running> StartReplicaAsync(string name, bool pinned)
    {
        var port = LoopbackPort.Free();
        // As the serving bench runs its Predictor: every prediction logged, to stdout (discarded).
        var settings = new Dictionary<string, string>(_common)
        {
            ["Predictor__Fleet__ReplicaId"] = name,
            ["Predictor__LogSampling"] = "1.0",
            ["Predictor__LogToStdout"] = "true",
            ["Predictor__PublishLogs"] = "false",
        };
        if (pinned)
        {
            settings["Predictor__PackageUri"] = PackageUri("a");
        }
        else
        {
            settings["services__deployer__http__0"] = DeployerUrl;
        }

        return new Running(await StartServiceAsync("Predictor", port, settings, "/started"), $"http://127.0.0.1:{port}");
    }

    private static Task<Server> StartServiceAsync(string name, int port, Dictionary<string, string> settings, string readyPath)
    {
        var dll = ServiceProcess.Binary(name);
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution in Release first (dotnet build MlOps.slnx -c Release)");
        }

        var url = $"http://127.0.0.1:{port}";
        settings["ASPNETCORE_URLS"] = url;
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        settings["DOTNET_ENVIRONMENT"] = "Production";
        settings["ASPNETCORE_CONTENTROOT"] = Path.GetDirectoryName(dll)!;
        settings["Logging__LogLevel__Default"] = "Warning";
        return Server.Start("dotnet", [dll], settings, url + readyPath);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
