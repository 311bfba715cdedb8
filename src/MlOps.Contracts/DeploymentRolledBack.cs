namespace MlOps.Contracts;

/// <summary>The version was taken out of traffic; <paramref name="RestoredVersion"/> serves again, if there was one.</summary>
public sealed record DeploymentRolledBack(Guid DeploymentId, string Model, int Version, int? RestoredVersion, string Reason, DateTimeOffset RolledBackAt);
