namespace MlOps.Contracts;

/// <summary>
/// What the DriftWatcher hands the environment's retraining build (cloudbuild-retrain.yaml) as user substitutions of
/// <c>triggers:run</c>: the model to retrain, the drift alert that asks for it, and the reason the Trainer records.
/// </summary>
public static class RetrainBuildSubstitutions
{
    public const string Model = "_MODEL";
    public const string DriftAlertId = "_DRIFT_ALERT_ID";
    public const string Reason = "_REASON";

    public static IReadOnlyList<string> All { get; } = [Model, DriftAlertId, Reason];
}
