namespace MlOps.Contracts.Api;

/// <summary>
/// One rollout of a promoted version, as the Deployer records it: its phase, the generation of the
/// split that phase put in force, the figures it was judged on, and the signal that decided it.
/// </summary>
public sealed record DeploymentView(
    Guid Id,
    string Model,
    int Version,
    string PackageUri,
    string Strategy,
    string State,
    int? StableVersion,
    int CanaryPercent,
    long Generation,
    long CanaryRequests,
    long CanaryErrors,
    double? CanaryP99Ms,
    double? StableP99Ms,
    double? ScoreDivergence,
    long ShadowCompared,
    long ShadowAgreed,
    string? Signal,
    string? Reason,
    DateTime CreatedAt,
    DateTime? PhaseStartedAt,
    DateTime? FinishedAt,
    DeploymentBuildView? Build = null);

/// <summary>The deploy build of a gitops rollout: Cloud Build's ID, its status and its log.</summary>
public sealed record DeploymentBuildView(string Id, string? Status, string? LogUrl);
