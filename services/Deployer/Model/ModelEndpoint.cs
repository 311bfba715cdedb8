namespace MlOps.Deployer.Model;

/// <summary>
/// The split the Deployer wants served for one model: what replicas converge on. Written before any
/// replica can learn it, so a restarted Deployer serves the same desired state.
/// </summary>
public sealed class ModelEndpoint
{
    public required string Model { get; set; }

    /// <summary>Grows with every change to this model's split.</summary>
    public long Generation { get; set; }

    /// <summary>The fleet-wide revision of the last change here; the desired state's revision is the largest.</summary>
    public long Revision { get; set; }

    /// <summary>The split as JSON: a list of <see cref="MlOps.Contracts.Fleet.SplitEntry"/>.</summary>
    public required string Versions { get; set; }

    public DateTime UpdatedAt { get; set; }
}
