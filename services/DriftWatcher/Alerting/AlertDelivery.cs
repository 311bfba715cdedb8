namespace MlOps.DriftWatcher.Alerting;

/// <summary>
/// One alert's delivery on one channel, as its file in the outbox holds it: pending until delivered or
/// dead-lettered, with the attempts so far and when the next one is due.
/// </summary>
public sealed record AlertDelivery(
    string AlertId,
    string Channel,
    DeliveryState State,
    int Attempts,
    DateTimeOffset RecordedAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? FirstAttemptAt = null,
    DateTimeOffset? LastAttemptAt = null,
    DateTimeOffset? DeliveredAt = null,
    string? LastError = null,
    int? LastStatusCode = null)
{
    public static AlertDelivery Pending(string alertId, string channel, DateTimeOffset now) => new(alertId, channel, DeliveryState.Pending, 0, now, now);
}
