namespace MlOps.DriftWatcher.Schedules;

/// <summary>What a schedule does at each occurrence, as <c>DriftWatcher:Schedules:{name}:Kind</c> spells it.</summary>
public static class ScheduleKinds
{
    /// <summary>Ask the Trainer for a new version (reason schedule).</summary>
    public const string Retrain = "retrain";

    /// <summary>Ask the Predictor to score a file with the served version.</summary>
    public const string BatchScore = "batch-score";
}
