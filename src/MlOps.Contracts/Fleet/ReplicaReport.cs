namespace MlOps.Contracts.Fleet;

/// <summary>
/// What one replica tells the Deployer about a second: the revision it serves, each version's
/// counters for the model's current generation, and any version it refused to load.
/// </summary>
public sealed record ReplicaReport(
    string ReplicaId,
    string? Host,
    DateTimeOffset StartedAt,
    long Revision,
    IReadOnlyList<VersionReport> Versions,
    IReadOnlyList<Refusal> Refusals);
