namespace MlOps.Deployer.Model;

/// <summary>
/// One rollout of a promoted version, persisted so a restarted Deployer carries on where it was:
/// its phase, the generation of the split that phase put in force, and the figures it was judged on.
/// </summary>
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

    /// <summary>The generation of the model's split that the current phase put in force; the fleet's counters are read for it.</summary>
    public long Generation { get; set; }

    /// <summary>When the current phase began (canary, shadow, converging).</summary>
    public DateTime? PhaseStartedAt { get; set; }

    public long CanaryRequests { get; set; }

    public long CanaryErrors { get; set; }

    public double? CanaryP99Ms { get; set; }

    public double? StableP99Ms { get; set; }

    /// <summary>Jensen-Shannon divergence (bits) of the candidate's scores from the stable version's on the same traffic.</summary>
    public double? ScoreDivergence { get; set; }

    public long ShadowCompared { get; set; }

    public long ShadowAgreed { get; set; }

    /// <summary>What decided the outcome (see <see cref="RolloutSignals"/>).</summary>
    public string? Signal { get; set; }

    public string? Reason { get; set; }

    /// <summary>The deploy build of a gitops rollout, its last status and where its log is.</summary>
    public string? BuildId { get; set; }

    public string? BuildStatus { get; set; }

    public string? BuildLogUrl { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? CanaryStartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }
}

public enum DeploymentState
{
    Pending,

    /// <summary>A gitops rollout waiting for the environment's deploy build that pins the version.</summary>
    Building,

    /// <summary>The version has all of the split; waiting for every live replica to serve it.</summary>
    Converging,
    Canary,
    Shadow,
    Completed,
    RolledBack,
}
