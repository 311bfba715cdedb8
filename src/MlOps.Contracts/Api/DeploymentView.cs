namespace MlOps.Contracts.Api;

/// <summary>One rollout of a promoted version, as the Deployer records it.</summary>
public sealed record DeploymentView(
    Guid Id,
    string Model,
    int Version,
    string PackageUri,
    string Strategy,
    string State,
    int? StableVersion,
    int CanaryPercent,
    long CanaryRequests,
    long CanaryErrors,
    string? Reason,
    DateTime CreatedAt,
    DateTime? CanaryStartedAt,
    DateTime? FinishedAt);
