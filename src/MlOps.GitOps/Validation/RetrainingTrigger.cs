using MlOps.GitOps.Model;

namespace MlOps.GitOps.Validation;

/// <summary>
/// Whether an environment's drift-watcher retrains through a Cloud Build trigger (<c>DriftWatcher:Retraining:Trigger</c>,
/// named by the environment), and the branch that trigger's build checks out: the environment's, as the deploy build's.
/// </summary>
public static class RetrainingTrigger
{
    public const string TriggerKey = "DriftWatcher:Retraining:Trigger";
    public const string BranchKey = "DriftWatcher:Retraining:Branch";

    /// <summary>The trigger's name, or null when drift publishes TrainingRequested.</summary>
    public static string? Of(EnvironmentSpec spec) =>
        SettingCatalog.Effective(spec.Service(ServiceNames.DriftWatcher), TriggerKey) is { Length: > 0 } name ? name : null;

    public static string Branch(EnvironmentSpec spec) => GitOpsRollouts.Branch(spec);
}
