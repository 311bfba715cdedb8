namespace MlOps.DriftWatcher.Alerting;

/// <summary>
/// A delivery given up on: why (the last status code or error), after how many attempts and when, with the alert
/// itself so that a person can act on it or send it again.
/// </summary>
public sealed record DeadLetter(
    string AlertId,
    string Channel,
    string Reason,
    int? StatusCode,
    int Attempts,
    DateTimeOffset? FirstAttemptAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset DeadLetteredAt,
    Alert Alert);
