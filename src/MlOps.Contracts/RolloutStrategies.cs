namespace MlOps.Contracts;

/// <summary>How a version reached its traffic, as <see cref="DeploymentStarted"/> and <see cref="DeploymentCompleted"/> carry it.</summary>
public static class RolloutStrategies
{
    public const string Immediate = "immediate";
    public const string Canary = "canary";
    public const string Shadow = "shadow";

    /// <summary>Pinned in the environment's configuration and deployed by the environment's deploy build.</summary>
    public const string GitOps = "gitops";
}
