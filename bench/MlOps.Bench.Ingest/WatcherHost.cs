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

    public DriftMonitor Monitor => _host.Services.GetRequiredService<DriftMonitor>();

    public IServiceProvider Services => _host.Services;

    /// <summary>Built, not started. <paramref name="pubSubHost"/> null: MassTransit's in-memory transport.</summary>
    public static WatcherHost Create(string artifactRoot, string? pubSubHost, string projectId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MlOps:Artifacts:Root"] = artifactRoot,
            ["MlOps:Transport"] = pubSubHost is null ? "InMemory" : "PubSub",
            ["MlOps:PubSub:EmulatorHost"] = pubSubHost,
            ["MlOps:PubSub:ProjectId"] = projectId,
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
