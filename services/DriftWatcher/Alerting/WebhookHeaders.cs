namespace MlOps.DriftWatcher.Alerting;

/// <summary>
/// The headers of a webhook delivery. The signature is <c>sha256=</c> and the lower-case hex HMAC-SHA256, keyed
/// with the webhook's secret, of <c>{timestamp}.{body}</c>; a receiver recomputes it, rejects a stale timestamp,
/// and de-duplicates on the delivery id, which is the same on every attempt.
/// </summary>
public static class WebhookHeaders
{
    public const string AlertId = "X-MlOps-Alert-Id";
    public const string Delivery = "X-MlOps-Delivery";
    public const string Timestamp = "X-MlOps-Timestamp";
    public const string Signature = "X-MlOps-Signature";
    public const string SignaturePrefix = "sha256=";
}
