namespace MlOps.Contracts.Fleet;

/// <summary>
/// A replica's own view: who it is and when it started, the revision of the desired state it serves
/// and since when, the generation of each model it serves, and whether it reaches the Deployer.
/// </summary>
public sealed record ReplicaStatus(
    string ReplicaId,
    DateTimeOffset StartedAt,
    long Revision,
    DateTimeOffset? AppliedAt,
    IReadOnlyDictionary<string, long> Generations,
    bool Following,
    DateTimeOffset? LastContact,
    string? LastProblem);
