using MassTransit;
using MlOps.Contracts;
using MlOps.DriftWatcher.Monitoring;
using MlOps.DriftWatcher.Retraining;
using MlOps.Platform.Artifacts;

namespace MlOps.DriftWatcher.Consumers;

/// <summary>New labelled data: score the served version on it, which catches drift that leaves the inputs alone.</summary>
public sealed class SnapshotAddedConsumer(DriftMonitor monitor, ArtifactStore store, IRetrainingRequests retraining) : IConsumer<DatasetSnapshotAdded>
{
    public async Task Consume(ConsumeContext<DatasetSnapshotAdded> context)
    {
        var snapshot = context.Message;
        var alert = await Task.Run(() => monitor.CheckPerformance(snapshot.Model, store.Resolve(snapshot.Path)), context.CancellationToken);
        if (alert is null)
        {
            return;
        }

        await context.Publish(alert);
        await retraining.RequestAsync(alert, context, context.CancellationToken);
    }
}
