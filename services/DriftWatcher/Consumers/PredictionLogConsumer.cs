using MassTransit;
using MlOps.Contracts;
using MlOps.DriftWatcher.Monitoring;
using MlOps.DriftWatcher.Retraining;

namespace MlOps.DriftWatcher.Consumers;

/// <summary>
/// Reads prediction log entries as plain LogEntry JSON (what a Cloud Logging sink publishes) and,
/// when a window shows drift, raises the alert and then asks for the retraining that points back at it.
/// </summary>
public sealed class PredictionLogConsumer(DriftMonitor monitor, IRetrainingRequests retraining, RaisedAlerts raised) : IConsumer<PredictionLogEntry>
{
    public async Task Consume(ConsumeContext<PredictionLogEntry> context)
    {
        // A retry neither counts the entry twice nor loses the alert its first attempt raised.
        if (raised.For(context.MessageId, (monitor, context), static s => Observe(s.monitor, s.context)) is not { } alert)
        {
            return;
        }

        await context.Publish(alert);
        await retraining.RequestAsync(alert, context, context.CancellationToken);
    }

    /// <summary>Plain JSON, as a sink sends it, is counted from its bytes; an entry in MassTransit's envelope from the message.</summary>
    private static DriftDetected? Observe(DriftMonitor monitor, ConsumeContext<PredictionLogEntry> context) =>
        context.ReceiveContext.ContentType is null or { MediaType: "application/json" }
            ? monitor.Observe(context.ReceiveContext.Body.GetBytes(), out _)
            : monitor.Observe(context.Message);
}
