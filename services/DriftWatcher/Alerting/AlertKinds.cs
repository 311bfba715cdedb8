namespace MlOps.DriftWatcher.Alerting;

/// <summary>What <see cref="Alert.Kind"/> says happened; the wire spelling of the alert JSON and the log entry.</summary>
public static class AlertKinds
{
    /// <summary>A <c>DriftDetected</c>: skew, drift or a performance drop.</summary>
    public const string Drift = "drift";

    /// <summary>A <c>DeploymentRolledBack</c>.</summary>
    public const string Rollback = "rollback";

    /// <summary>A <c>TrainingFailed</c>.</summary>
    public const string TrainingFailed = "training-failed";

    /// <summary>A <c>ModelRejected</c> by the champion/challenger gate.</summary>
    public const string GateRejected = "gate-rejected";

    /// <summary>A <c>MessageFaulted</c>: a service gave up on a message and moved it to its endpoint's error destination.</summary>
    public const string MessageFailed = "message-failed";

    public static IReadOnlyList<string> All { get; } = [Drift, Rollback, TrainingFailed, GateRejected, MessageFailed];
}
