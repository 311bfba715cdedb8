using MassTransit;
using MlOps.DriftWatcher.Apis;
using MlOps.DriftWatcher.Consumers;
using MlOps.DriftWatcher.Monitoring;
using MlOps.DriftWatcher.Telemetry;
using MlOps.Platform.Artifacts;
using MlOps.Platform.Configuration;
using MlOps.Platform.Messaging;
using MlOps.Platform.Telemetry;

namespace MlOps.DriftWatcher;

public static class DriftWatcherExtensions
{
    /// <summary>The DriftWatcher module: skew and drift per feature from prediction logs, and performance on new labelled data.</summary>
    public static IHostApplicationBuilder AddDriftWatcher(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddArtifactStore();
        builder.AddSettings<DriftWatcherOptions>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PackageCache>();
        builder.Services.AddSingleton<DriftMonitor>();
        builder.Services.AddMetrics<DriftWatcherMetrics>();

        // Windows are counted in order under a lock; one log consumer at a time keeps that cheap.
        builder.Messaging()
            .AddRawJsonConsumer<PredictionLogConsumer>(EndpointNames.PredictionLogs, concurrentMessageLimit: 1)
            .AddConsumer<SnapshotAddedConsumer>(EndpointNames.DriftWatcher)
            .AddConsumer<DeploymentCompletedConsumer>(EndpointNames.DriftWatcher)
            .Configure(x => x.AddReceiveObserver<UnreadableLogObserver>());
        return builder;
    }

    public static WebApplication MapDriftWatcher(this WebApplication app)
    {
        app.MapDriftApi();
        return app;
    }
}
