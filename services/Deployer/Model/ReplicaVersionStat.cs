namespace MlOps.Deployer.Model;

/// <summary>
/// One version's counters on one replica for one generation of its model's split, as last reported.
/// Kept after the replica goes, so a rollout counts what every replica served.
/// </summary>
public sealed class ReplicaVersionStat
{
    public int Id { get; set; }

    public required string ReplicaId { get; set; }

    public required string Model { get; set; }

    public int Version { get; set; }

    public long Generation { get; set; }

    public long Requests { get; set; }

    public long Instances { get; set; }

    public long Errors { get; set; }

    /// <summary>Latency histogram counts as JSON (bounds in <see cref="MlOps.Contracts.Fleet.FleetHistograms"/>).</summary>
    public required string Latency { get; set; }

    public required string Scores { get; set; }

    public long ShadowCompared { get; set; }

    public long ShadowAgreed { get; set; }

    public long ShadowErrors { get; set; }

    public string? ShadowServedScores { get; set; }

    public DateTime UpdatedAt { get; set; }
}
