using MassTransit;
using MlOps.Contracts;

namespace MlOps.DriftWatcher.Retraining;

/// <summary>Asks the Trainer directly: a TrainingRequested for reason drift that points back at the alert.</summary>
internal sealed class BusRetrainingRequests(TimeProvider time) : IRetrainingRequests
{
    public Task RequestAsync(DriftDetected alert, IPublishEndpoint publisher, CancellationToken cancellationToken) =>
        publisher.Publish(new TrainingRequested(NewId.NextGuid(), alert.Model, TrainingReasons.Drift, time.GetUtcNow(), DriftAlertId: alert.AlertId), cancellationToken);
}
