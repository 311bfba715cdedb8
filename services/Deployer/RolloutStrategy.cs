namespace MlOps.Deployer;

/// <summary>How a promoted version reaches its traffic; on the wire as <see cref="MlOps.Contracts.RolloutStrategies"/>.</summary>
public enum RolloutStrategy
{
    Immediate,
    Canary,

    /// <summary>The candidate scores a mirrored copy of live traffic, compared and never returned, before it takes any.</summary>
    Shadow,
}
