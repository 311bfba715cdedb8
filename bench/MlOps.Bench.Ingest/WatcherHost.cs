using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlOps.Contracts;
using MlOps.DriftWatcher;
using MlOps.DriftWatcher.Monitoring;
using MlOps.Platform.Messaging;

namespace MlOps.Bench.Ingest;

/// <summary>The DriftWatcher as its host composes it (<c>AddDriftWatcher()</c> then <c>AddMessageBus()</c>), in this process.</summary>
public sealed class WatcherHost : IAsyncDisposable
{
    private readonly IHost _host;

    private WatcherHost(IHost host)
    {
        _host = host;
    }

    public AckCounter Acks { get; } = new();

    /// <summary>Log entries acknowledged: by the batch puller when it reads them, else by the MassTransit consumer's receives.</summary>
    public long Completed => _host.Services.GetService<PredictionLogPuller>()?.Acknowledged ?? Acks.Completed;

    /// <summary>The consumer's receives that faulted; the puller acknowledges what it moves to the error destination, so counts it in <see cref="Completed"/>.</summary>
    public long Faulted => Acks.Faulted;

    public DriftMonitor Monitor => _host.Services.GetRequiredService<DriftMonitor>();

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Built, not started. <paramref name="pubSubHost"/> null: MassTransit's in-memory transport; on Pub/Sub,
    /// <paramref name="batches"/> false reads the entries through the MassTransit consumer instead of the batch puller.
    /// </summary>
    public static WatcherHost Create(string artifactRoot, string? pubSubHost, string projectId, bool batches = true)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MlOps:Artifacts:Root"] = artifactRoot,
            ["MlOps:Transport"] = pubSubHost is null ? "InMemory" : "PubSub",
            ["MlOps:PubSub:EmulatorHost"] = pubSubHost,
            ["MlOps:PubSub:ProjectId"] = projectId,
            ["DriftWatcher:PullLogsInBatches"] = batches ? "true" : "false",
        });
        builder.Logging.ClearProviders();
        builder.AddDriftWatcher();
        builder.Messaging().SendAsRawJson<PredictionLogEntry>();
        builder.AddMessageBus();
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        return new WatcherHost(builder.Build());
    }

    public Task StartAsync()
    {
        _host.Services.GetRequiredService<IBus>().ConnectReceiveObserver(Acks);
        return _host.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
