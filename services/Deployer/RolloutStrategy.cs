namespace MlOps.Deployer;

/// <summary>How a promoted version reaches its traffic; on the wire as <see cref="MlOps.Contracts.RolloutStrategies"/>.</summary>
public enum RolloutStrategy
{
    Immediate,
    Canary,
}
