namespace MlOps.DriftWatcher.Alerting;

/// <summary>What one delivery attempt came to; <paramref name="Error"/> never holds a secret.</summary>
internal sealed record DeliveryOutcome(DeliveryResult Result, string? Error = null, int? StatusCode = null, TimeSpan? RetryAfter = null)
{
    public static DeliveryOutcome Delivered { get; } = new(DeliveryResult.Delivered);

    public static DeliveryOutcome Retry(string error, int? statusCode = null, TimeSpan? retryAfter = null) =>
        new(DeliveryResult.Retry, error, statusCode, retryAfter);

    public static DeliveryOutcome Refused(string error, int? statusCode = null) => new(DeliveryResult.Refused, error, statusCode);
}
