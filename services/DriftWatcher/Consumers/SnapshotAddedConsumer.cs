using MassTransit;
using MlOps.Contracts;
using MlOps.DriftWatcher.Monitoring;
using MlOps.DriftWatcher.Retraining;
using MlOps.Platform.Artifacts;
using MlOps.Platform.Messaging;

namespace MlOps.DriftWatcher.Consumers;

/// <summary>
/// New labelled data: score the served version on it, which catches drift that leaves the inputs alone. A snapshot
/// naming no valid model, or a path outside the artifact store, is refused (logged with the field) and scores nothing.
/// </summary>
public sealed class SnapshotAddedConsumer(DriftMonitor monitor, ArtifactStore store, IRetrainingRequests retraining, RaisedAlerts raised, ILogger<SnapshotAddedConsumer> logger) : IConsumer<DatasetSnapshotAdded>
{
    public async Task Consume(ConsumeContext<DatasetSnapshotAdded> context)
    {
        var snapshot = context.Message;
        if (logger.Refuse<DatasetSnapshotAdded>(snapshot.Model))
        {
            return;
        }

        if (store.Outside(snapshot.Path) is { } outside)
        {
            logger.LogWarning("Refused a {MessageType} message, nothing was changed: path: {Problem}", nameof(DatasetSnapshotAdded), outside);
            return;
        }

        // A retry (a publish below failed) publishes what the first attempt raised; checking again would find the cooldown.
        var alert = await Task.Run(() => raised.For(context.MessageId, () => monitor.CheckPerformance(snapshot.Model, store.Resolve(snapshot.Path))), context.CancellationToken);
        if (alert is null)
        {
            return;
        }

        await context.Publish(alert);
        await retraining.RequestAsync(alert, context, context.CancellationToken);
    }
}
