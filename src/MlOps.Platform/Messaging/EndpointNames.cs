namespace MlOps.Platform.Messaging;

/// <summary>Receive endpoints: one per service, plus the prediction log destination.</summary>
public static class EndpointNames
{
    public const string Trainer = "trainer";
    public const string Registry = "registry";
    public const string Deployer = "deployer";
    public const string DriftWatcher = "drift-watcher";
    public const string PredictionLogs = "prediction-logs";
    public const string PredictorBatch = "predictor-batch";
}
