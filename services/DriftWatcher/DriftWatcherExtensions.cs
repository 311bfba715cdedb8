using MassTransit;
using MlOps.Contracts;
using MlOps.DriftWatcher.Alerting;
using MlOps.DriftWatcher.Apis;
using MlOps.DriftWatcher.Consumers;
using MlOps.DriftWatcher.Monitoring;
using MlOps.DriftWatcher.Replay;
using MlOps.DriftWatcher.Retraining;
using MlOps.DriftWatcher.Schedules;
using MlOps.DriftWatcher.Telemetry;
using MlOps.Platform.Artifacts;
using MlOps.Platform.Configuration;
using MlOps.Platform.Identity;
using MlOps.Platform.Messaging;
using MlOps.Platform.Telemetry;

namespace MlOps.DriftWatcher;

public static class DriftWatcherExtensions
{
    /// <summary>
    /// The DriftWatcher module: skew and drift per feature from prediction logs (live, or replayed from a log
    /// archive), performance on new labelled data, and retraining and batch scoring on a calendar.
    /// </summary>
    public static IHostApplicationBuilder AddDriftWatcher(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddArtifactStore();
        builder.AddServiceIdentity();
        builder.AddSettings<DriftWatcherOptions>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PackageCache>();
        builder.Services.AddSingleton<DriftMonitor>();
        builder.Services.AddSingleton<RaisedAlerts>();
        builder.Services.AddMetrics<DriftWatcherMetrics>();
        builder.AddAlerting();
        builder.AddRetraining();
        builder.Services.AddSingleton<ArchiveReplay>();
        builder.Services.AddSingleton<ScheduleBook>();
        builder.Services.AddSingleton<FiredOccurrences>();
        builder.Services.AddMetrics<ScheduleMetrics>();
        builder.Services.AddSingleton<ScheduleTimer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ScheduleTimer>());

        // On Pub/Sub, log entries are pulled and acknowledged in batches outside MassTransit. Otherwise a consumer
        // reads them: windows are counted under a lock per watched version, so entries overlap only in their
        // transport work, and a limit of one whole pull lets Pub/Sub lease, and ack, a thousand at a time.
        if (builder.Settings<MessagingOptions>().Transport == TransportKind.PubSub && builder.Settings<DriftWatcherOptions>().PullLogsInBatches)
        {
            builder.Services.AddSingleton<PredictionLogPuller>();
            builder.Services.AddHostedService(services => services.GetRequiredService<PredictionLogPuller>());
            builder.Services.AddHealthChecks().AddCheck<PredictionLogPullerHealthCheck>("prediction-logs");
        }
        else
        {
            builder.Messaging().AddRawJsonConsumer<PredictionLogConsumer>(EndpointNames.PredictionLogs, concurrentMessageLimit: 1000);
        }

        builder.Messaging()
            .AddConsumer<SnapshotAddedConsumer>(EndpointNames.DriftWatcher)
            .AddConsumer<DeploymentCompletedConsumer>(EndpointNames.DriftWatcher)
            .Configure(x => x.AddReceiveObserver<UnreadableLogObserver>());

        // One occurrence at a time, so a second fire of it finds the first one recorded.
        builder.Messaging()
            .AddRawJsonConsumer<ScheduleFiredConsumer>(EndpointNames.Schedules, concurrentMessageLimit: 1)
            .SendAsRawJson<ScheduleFired>();

        // Alerts on a subscription of their own: recording one only writes the outbox, which the delivery worker drains.
        builder.Messaging()
            .AddConsumer<DriftDetectedConsumer>(EndpointNames.Alerts)
            .AddConsumer<DeploymentRolledBackConsumer>(EndpointNames.Alerts)
            .AddConsumer<TrainingFailedConsumer>(EndpointNames.Alerts)
            .AddConsumer<ModelRejectedConsumer>(EndpointNames.Alerts)
            .AddConsumer<MessageFaultedConsumer>(EndpointNames.Alerts)
            .SendAsRawJson<Alert>();
        return builder;
    }

    public static WebApplication MapDriftWatcher(this WebApplication app)
    {
        app.MapDriftApi();
        app.MapAlertsApi();
        return app;
    }
}
