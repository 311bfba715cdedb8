using MassTransit;
using MlOps.Contracts;

namespace MlOps.DriftWatcher.Retraining;

/// <summary>
/// How the DriftWatcher asks for the retraining a drift alert calls for, once it has published the alert: a
/// TrainingRequested on the bus (<see cref="BusRetrainingRequests"/>), or a run of the environment's retraining trigger
/// when <c>DriftWatcher:Retraining:Trigger</c> is set (<see cref="CloudBuildRetrainingRequests"/>).
/// </summary>
public interface IRetrainingRequests
{
    /// <param name="publisher">Where a TrainingRequested goes: the consume context of the message that raised the alert, or the bus.</param>
    public Task RequestAsync(DriftDetected alert, IPublishEndpoint publisher, CancellationToken cancellationToken);
}
