namespace MlOps.Deployer.Model;

/// <summary>A Predictor replica as it last reported.</summary>
public sealed class Replica
{
    public required string ReplicaId { get; set; }

    public string? Host { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime LastSeen { get; set; }

    public long Revision { get; set; }
}
