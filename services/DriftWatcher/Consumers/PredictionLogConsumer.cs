using MassTransit;
using MlOps.Contracts;
using MlOps.DriftWatcher.Monitoring;

namespace MlOps.DriftWatcher.Consumers;

/// <summary>
/// Reads prediction log entries as plain LogEntry JSON (what a Cloud Logging sink publishes) and,
/// when a window shows drift, raises the alert and asks for retraining that points back at it.
/// </summary>
public sealed class PredictionLogConsumer(DriftMonitor monitor, TimeProvider time) : IConsumer<PredictionLogEntry>
{
    public async Task Consume(ConsumeContext<PredictionLogEntry> context)
    {
        if (monitor.Observe(context.Message) is not { } alert)
        {
            return;
        }

        await context.Publish(alert);
        await context.Publish(new TrainingRequested(NewId.NextGuid(), alert.Model, TrainingReasons.Drift, time.GetUtcNow(), DriftAlertId: alert.AlertId));
    }
}
