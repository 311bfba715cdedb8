using MlOps.Deployer.Model;

namespace MlOps.Deployer.Rollout;

/// <summary>The deployment a manual rollback took out of traffic, or why there was none to take out.</summary>
public sealed record ManualRollback(Deployment? RolledBack, string? Problem);
