namespace MlOps.Deployer.Model;

/// <summary>What decided a rollout, as <see cref="Deployment.Signal"/> records it.</summary>
public static class RolloutSignals
{
    public const string Healthy = "healthy";
    public const string Converged = "converged";
    public const string Errors = "errors";
    public const string Latency = "latency";
    public const string ScoreDivergence = "score-divergence";
    public const string Disagreement = "disagreement";
    public const string Agreement = "agreement";
    public const string Timeout = "timeout";
    public const string Refused = "refused";
    public const string Manual = "manual";

    /// <summary>A gitops rollout's deploy build failed (or was cancelled, or expired).</summary>
    public const string BuildFailed = "build-failed";
}
