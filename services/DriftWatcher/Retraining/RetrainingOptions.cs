using System.ComponentModel.DataAnnotations;

namespace MlOps.DriftWatcher.Retraining;

/// <summary>
/// Retraining as a build (<c>DriftWatcher:Retraining</c>): a drift alert runs the environment's retraining trigger
/// (cloudbuild-retrain.yaml) instead of publishing TrainingRequested; see <see cref="CloudBuildRetrainingRequests"/>.
/// </summary>
public sealed class RetrainingOptions
{
    /// <summary>The Cloud Build trigger a drift alert runs, by name; unset, drift publishes TrainingRequested.</summary>
    [RegularExpression("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?$", ErrorMessage = "a Cloud Build trigger name: 1-64 letters, digits and dashes, beginning and ending with a letter or digit")]
    public string? Trigger { get; set; }

    /// <summary>The branch the build checks out: the environment's (the renderer sets it along with the trigger's project and region).</summary>
    public string? Branch { get; set; }
}
