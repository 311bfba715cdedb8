namespace MlOps.Contracts;

/// <summary>Every message the services publish, so topic lists elsewhere (environments, bootstrap) are derived, not retyped.</summary>
public static class Messages
{
    public static IReadOnlyList<Type> All { get; } =
    [
        typeof(TrainingRequested), typeof(TrainingStarted), typeof(ModelTrained), typeof(TrainingFailed),
        typeof(ModelVersionRegistered), typeof(ModelPromoted), typeof(ModelRejected),
        typeof(DeploymentStarted), typeof(DeploymentCompleted), typeof(DeploymentRolledBack),
        typeof(DriftDetected), typeof(DatasetSnapshotAdded),
        typeof(BatchPredictionRequested), typeof(BatchPredictionCompleted), typeof(BatchPredictionFailed),
        typeof(MessageFaulted),
    ];
}
