namespace MlOps.Platform.Messaging;

/// <summary>Receive endpoints: one per service, plus the prediction log destination and the schedules' occurrences.</summary>
public static class EndpointNames
{
    public const string Trainer = "trainer";
    public const string Registry = "registry";
    public const string Deployer = "deployer";
    public const string DriftWatcher = "drift-watcher";
    public const string PredictionLogs = "prediction-logs";
    public const string PredictorBatch = "predictor-batch";

    /// <summary>The DriftWatcher's subscription for the messages it turns into alerts, apart from its own endpoint's.</summary>
    public const string Alerts = "drift-watcher-alerts";

    /// <summary>Raw JSON <c>{"schedule": name}</c> from Cloud Scheduler (or the DriftWatcher's own timer) at each occurrence.</summary>
    public const string Schedules = "schedules";
}
