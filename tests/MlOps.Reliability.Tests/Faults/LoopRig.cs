using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlOps.Cli;
using MlOps.Contracts.Api;
using MlOps.Platform.Messaging;
using MlOps.Rehearsal.Front;
using Npgsql;

namespace MlOps.Reliability.Tests.Faults;

/// <summary>
/// The whole loop for fault trials: Trainer, Registry, Deployer, DriftWatcher and two Predictor
/// replicas behind a front, each its own OS process, over the Pub/Sub test server, with the Registry
/// and Deployer on PostgreSQL. Pub/Sub and PostgreSQL are reached through <see cref="TcpFaultProxy"/>s
/// so either can be taken away; a <see cref="BusWitness"/> subscribes to every event of the loop.
/// </summary>
public sealed class LoopRig : IAsyncDisposable
{
    public const string Model = "taxi-tips";
    public static readonly string[] Predictors = ["predictor-a", "predictor-b"];

    private readonly Dictionary<string, (int Port, Dictionary<string, string> Environment)> _specs = [];
    private readonly Dictionary<string, ServiceProcess> _running = [];
    private readonly List<ServiceProcess> _exited = [];
    private PubSubTestServer _pubsub = null!;
    private IHost _witnessHost = null!;
    private string? _adminConnection;
    private readonly List<string> _databases = [];

    private LoopRig(string artifacts, bool ownsArtifacts)
    {
        Artifacts = artifacts;
        OwnsArtifacts = ownsArtifacts;
    }

    public string Artifacts { get; }

    private bool OwnsArtifacts { get; }

    public TcpFaultProxy PubSub { get; private set; } = null!;

    public TcpFaultProxy Database { get; private set; } = null!;

    public FrontProxy Front { get; private set; } = null!;

    public BusWitness Witness { get; } = new();

    public IBus Bus => _witnessHost.Services.GetRequiredService<IBus>();

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public string Url(string service) => $"http://127.0.0.1:{_specs[service].Port}";

    /// <summary>
    /// Starts the loop's services; <paramref name="settings"/> are added to every service's (e.g. the
    /// Registry's gate, the Deployer's strategy), <paramref name="artifacts"/> is their shared folder (a fresh temporary one when null).
    /// </summary>
    public static async Task<LoopRig> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? artifacts = null)
    {
        var rig = new LoopRig(artifacts ?? Path.Combine(Path.GetTempPath(), "mlops-faults", Guid.NewGuid().ToString("N")), artifacts is null);
        Directory.CreateDirectory(rig.Artifacts);
        try
        {
            await rig.StartInfrastructureAsync();
            await rig.StartServicesAsync(settings ?? new Dictionary<string, string>());
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    private async Task StartInfrastructureAsync()
    {
        _pubsub = await PubSubTestServer.StartAsync();
        var (host, port) = Split(_pubsub.Host);
        PubSub = TcpFaultProxy.Start(host, port);

        _adminConnection = Environment.GetEnvironmentVariable("MLOPS_TEST_POSTGRES")
            ?? throw new InvalidOperationException("MLOPS_TEST_POSTGRES is not set: the fault suite needs PostgreSQL (./test.sh starts it; or export MLOPS_TEST_POSTGRES=\"$(scripts/start-postgres.sh)\")");
        var admin = new NpgsqlConnectionStringBuilder(_adminConnection);
        Database = TcpFaultProxy.Start(admin.Host!, admin.Port);

        var project = $"faults-{Guid.NewGuid():N}"[..20];
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MlOps:Transport"] = "PubSub",
            ["MlOps:PubSub:ProjectId"] = project,
            ["MlOps:PubSub:EmulatorHost"] = _pubsub.Host,
        });
        builder.Services.AddSingleton(Witness);
        builder.AddMessageBus(x => x.AddConsumer<WitnessConsumer>().Endpoint(e => e.Name = "fault-witness"));
        _witnessHost = builder.Build();
        await _witnessHost.StartAsync();

        Common = new Dictionary<string, string>
        {
            ["MlOps__Transport"] = "PubSub",
            ["MlOps__PubSub__ProjectId"] = project,
            ["MlOps__PubSub__EmulatorHost"] = PubSub.Address,
            ["MlOps__PubSub__AckDeadlineSeconds"] = "10",
            ["MlOps__Artifacts__Root"] = Artifacts,
            ["Logging__LogLevel__Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
        };
    }

    private Dictionary<string, string> Common { get; set; } = [];

    private IReadOnlyDictionary<string, string> Overrides { get; set; } = new Dictionary<string, string>();

    private async Task StartServicesAsync(IReadOnlyDictionary<string, string> settings)
    {
        Overrides = settings;
        var deployer = LoopbackPort.Free();
        Front = await FrontProxy.StartAsync(LoopbackPort.Free());
        Define("Trainer", new() { ["Trainer__NewestSnapshots"] = "3" });
        Define("Registry", new()
        {
            ["Registry__Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__Registry"] = await DatabaseAsync("registry"),
        });
        Define("Deployer", new()
        {
            ["Deployer__Strategy"] = "canary",
            ["Deployer__Canary__TrafficPercent"] = "20",
            ["Deployer__Canary__HealthyPredictions"] = "200",
            ["Deployer__Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__Deployments"] = await DatabaseAsync("deployments"),
        }, deployer);
        Define("DriftWatcher", new() { ["DriftWatcher__WindowSize"] = "400" });
        foreach (var replica in Predictors)
        {
            Define(replica, new()
            {
                ["services__deployer__http__0"] = $"http://127.0.0.1:{deployer}",
                ["Predictor__Fleet__ReplicaId"] = replica,
                ["Predictor__Fleet__ReportMilliseconds"] = "300",
                ["Predictor__LogToStdout"] = "false",
            });
        }

        foreach (var name in _specs.Keys)
        {
            Launch(name);
        }

        foreach (var name in _specs.Keys)
        {
            await UntilHealthyAsync(name);
        }

        foreach (var replica in Predictors)
        {
            Front.Add(replica, new Uri(Url(replica) + "/"));
        }
    }

    /// <summary>Kills the service's process at once (SIGKILL), as a crash or an instance replacement would.</summary>
    public void Kill(string service)
    {
        var process = _running[service];
        process.Kill();
        _exited.Add(process);
        _running.Remove(service);
    }

    /// <summary>Starts the service again on its port with its settings; returns once it reports healthy.</summary>
    public async Task RestartAsync(string service)
    {
        Launch(service);
        await UntilHealthyAsync(service);
    }

    /// <summary>Runs <c>mlops drive</c> against the services: v1 if nothing serves yet, traffic through the front, then drift, until a new version serves everything.</summary>
    public async Task<DriveOutcome> DriveAsync(CancellationToken cancellationToken = default)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(
            ["drive", "--trainer", Url("Trainer"), "--predictor", Front.Url, "--registry", Url("Registry"), "--deployer", Url("Deployer"),
             "--drift-watcher", Url("DriftWatcher"), "--artifacts", Artifacts, "--json"],
            CliConsole.Capture(output, error));
        return new DriveOutcome(exit, output.ToString(), error.ToString());
    }

    public Task<List<VersionView>> VersionsAsync() => ListAsync<VersionView>($"{Url("Registry")}/api/models/{Model}/versions");

    public Task<List<DecisionView>> DecisionsAsync() => ListAsync<DecisionView>($"{Url("Registry")}/api/models/{Model}/decisions");

    public Task<List<DeploymentView>> DeploymentsAsync() => ListAsync<DeploymentView>($"{Url("Deployer")}/api/deployments?model={Model}");

    public Task<List<FailureView>> FailuresAsync() => ListAsync<FailureView>($"{Url("Registry")}/api/models/{Model}/failures");

    // A model the Registry has not heard of yet has nothing to list (404).
    private async Task<List<T>> ListAsync<T>(string url)
    {
        using var response = await Http.GetAsync(url);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<T>>(ApiJson.Options) ?? [];
    }

    /// <summary>The version serving all traffic, as the Deployer says, or null.</summary>
    public async Task<int?> ServingAsync()
    {
        try
        {
            using var response = await Http.GetAsync($"{Url("Deployer")}/api/deployments/current/{Model}");
            return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<DeploymentView>(ApiJson.Options))?.Version : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(120);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"waited {limit.TotalSeconds:F0} s for {what}\n{Outputs()}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>What every service wrote, the processes killed along the way included.</summary>
    public string Outputs() =>
        string.Join("\n", _exited.Concat(_running.Values).Select(s => $"--- {s.Name} ({(s.HasExited ? $"exited {s.ExitCode}" : "running")}):\n{s.Output()}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _running.Values.Concat(_exited))
        {
            process.Dispose();
        }

        if (Front is not null)
        {
            await Front.DisposeAsync();
        }

        if (_witnessHost is not null)
        {
            await _witnessHost.StopAsync();
            _witnessHost.Dispose();
        }

        if (PubSub is not null)
        {
            await PubSub.DisposeAsync();
        }

        if (_pubsub is not null)
        {
            await _pubsub.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        await DropDatabasesAsync();
        Http.Dispose();
        if (OwnsArtifacts)
        {
            try
            {
                Directory.Delete(Artifacts, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private void Define(string name, Dictionary<string, string> own, int? port = null)
    {
        var environment = new Dictionary<string, string>(Common.Concat(own));
        foreach (var (key, value) in Overrides)
        {
            environment[key] = value;
        }

        _specs[name] = (port ?? LoopbackPort.Free(), environment);
    }

    private void Launch(string name)
    {
        var (port, environment) = _specs[name];
        var host = name.StartsWith("predictor", StringComparison.Ordinal) ? "Predictor" : name;
        _running[name] = ServiceProcess.Start(host, port, environment);
    }

    private async Task UntilHealthyAsync(string name)
    {
        var process = _running[name];
        await UntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with {process.ExitCode}\n{process.Output()}");
            }

            using var response = await Http.GetAsync(Url(name) + "/health");
            return response.StatusCode == HttpStatusCode.OK;
        }, $"{name} to report healthy");
    }

    // A database of the rig's own, reached through the database proxy.
    private async Task<string> DatabaseAsync(string purpose)
    {
        var name = $"faults_{purpose}_{Guid.NewGuid():N}"[..30];
        await using (var connection = new NpgsqlConnection(_adminConnection))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        _databases.Add(name);
        return new NpgsqlConnectionStringBuilder(_adminConnection) { Database = name, Host = "127.0.0.1", Port = Database.Port, Pooling = true }.ConnectionString;
    }

    private async Task DropDatabasesAsync()
    {
        if (_adminConnection is null || _databases.Count == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnection);
        await connection.OpenAsync();
        foreach (var name in _databases)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static (string Host, int Port) Split(string hostPort)
    {
        var colon = hostPort.LastIndexOf(':');
        return (hostPort[..colon], int.Parse(hostPort[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed record DriveOutcome(int Exit, string Output, string Error);
