using MlOps.Contracts;

namespace MlOps.DriftWatcher.Alerting;

/// <summary>
/// One WARNING entry per alert whose properties (<see cref="AnomalyLog"/>) become the Cloud Logging jsonPayload that
/// the environment's log-based metric counts. Always on.
/// </summary>
internal sealed partial class LogChannel(ILogger<LogChannel> logger) : IAlertChannel
{
    public const string ChannelName = "log";

    public string Name => ChannelName;

    public bool Accepts(string kind) => true;

    public Task<DeliveryOutcome> DeliverAsync(Alert alert, CancellationToken cancellationToken)
    {
        Anomaly(logger, AnomalyLog.AnomalyType, alert.Kind, alert.Id, alert.Model, alert.Summary);
        return Task.FromResult(DeliveryOutcome.Delivered);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = AnomalyLog.Template)]
    private static partial void Anomaly(ILogger logger, string anomalyType, string alertKind, string alertId, string model, string summary);
}
