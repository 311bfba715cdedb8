using MlOps.DriftWatcher.Telemetry;

namespace MlOps.DriftWatcher.Alerting;

/// <summary>What each alert consumer does: record the alert with a delivery per channel that takes its kind, and return.</summary>
internal sealed partial class AlertRecorder(AlertOutbox outbox, AlertChannels channels, DriftWatcherMetrics metrics, ILogger<AlertRecorder> logger)
{
    public async Task RecordAsync(Alert alert, CancellationToken cancellationToken)
    {
        var targets = channels.For(alert.Kind);
        if (await outbox.RecordAsync(alert, targets, cancellationToken))
        {
            metrics.AlertRecorded(alert.Kind, alert.Model);
            LogRecorded(logger, alert.Kind, alert.Id, alert.Model, string.Join(", ", targets));
        }
        else
        {
            LogRepeated(logger, alert.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertKind} {AlertId} for {Model} recorded for {Channels}")]
    private static partial void LogRecorded(ILogger logger, string alertKind, string alertId, string model, string channels);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert {AlertId} was recorded before: its source message came again")]
    private static partial void LogRepeated(ILogger logger, string alertId);
}
