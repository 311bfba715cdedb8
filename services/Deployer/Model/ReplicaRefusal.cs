namespace MlOps.Deployer.Model;

/// <summary>A version a replica would not load for a generation of its model's split, and why.</summary>
public sealed class ReplicaRefusal
{
    public int Id { get; set; }

    public required string ReplicaId { get; set; }

    public required string Model { get; set; }

    public int Version { get; set; }

    public long Generation { get; set; }

    public required string Reason { get; set; }

    public DateTime At { get; set; }
}
