namespace MlOps.Deployer;

/// <summary>How a promoted version reaches its traffic; on the wire as <see cref="MlOps.Contracts.RolloutStrategies"/>.</summary>
public enum RolloutStrategy
{
    Immediate,
    Canary,

    /// <summary>The candidate scores a mirrored copy of live traffic, compared and never returned, before it takes any.</summary>
    Shadow,

    /// <summary>
    /// The version is pinned in the environment's configuration by the environment's deploy build (a Cloud Build
    /// trigger run with the pin as substitutions); it takes traffic, as <c>Deployer:GitOps:Rollout</c> says, once that build succeeded.
    /// </summary>
    GitOps,
}
