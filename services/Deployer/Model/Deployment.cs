namespace MlOps.Deployer.Model;

/// <summary>One rollout of a promoted version, persisted so a restarted Deployer carries on where it was.</summary>
public sealed class Deployment
{
    public Guid Id { get; set; }

    public required string Model { get; set; }

    public int Version { get; set; }

    public required string PackageUri { get; set; }

    /// <summary>The promotion's own time, so a redelivered message is recognised and a later re-promotion is not.</summary>
    public DateTime PromotedAt { get; set; }

    /// <summary>The configured strategy at first, then the one the rollout actually uses (a first version always goes out at once).</summary>
    public RolloutStrategy Strategy { get; set; }

    public DeploymentState State { get; set; }

    public int? StableVersion { get; set; }

    public string? StablePackageUri { get; set; }

    public int CanaryPercent { get; set; }

    public long CanaryRequestsAtStart { get; set; }

    public long CanaryErrorsAtStart { get; set; }

    public long CanaryRequests { get; set; }

    public long CanaryErrors { get; set; }

    public string? Reason { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? CanaryStartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }
}

public enum DeploymentState
{
    Pending,
    Canary,
    Completed,
    RolledBack,
}
