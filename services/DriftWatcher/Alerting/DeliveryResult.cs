namespace MlOps.DriftWatcher.Alerting;

internal enum DeliveryResult
{
    Delivered,

    /// <summary>Worth another attempt: a timeout, a network error, 408, 429 or 5xx.</summary>
    Retry,

    /// <summary>The receiver refused it for good (another 4xx, a redirect); dead-lettered at once.</summary>
    Refused,
}
