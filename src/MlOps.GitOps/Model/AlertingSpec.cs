namespace MlOps.GitOps.Model;

/// <summary>
/// Who Cloud Monitoring pages when the DriftWatcher logs an anomaly: bootstrap creates an email notification channel
/// per address, a log-based metric on the anomaly entries, and an alert policy on it that notifies those channels.
/// </summary>
public sealed record AlertingSpec(IReadOnlyList<string> Emails)
{
    public static AlertingSpec None { get; } = new([]);
}
