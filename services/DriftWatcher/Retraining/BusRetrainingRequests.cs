using MassTransit;
using MlOps.Contracts;

namespace MlOps.DriftWatcher.Retraining;

/// <summary>
/// Asks the Trainer directly: a TrainingRequested for reason drift that points back at the alert. Its request id is the
/// alert's, so publishing it again for the same alert (a retried message) asks for the same training, not a second one.
/// </summary>
internal sealed class BusRetrainingRequests(TimeProvider time) : IRetrainingRequests
{
    public Task RequestAsync(DriftDetected alert, IPublishEndpoint publisher, CancellationToken cancellationToken) =>
        publisher.Publish(new TrainingRequested(alert.AlertId, alert.Model, TrainingReasons.Drift, time.GetUtcNow(), DriftAlertId: alert.AlertId), cancellationToken);
}
