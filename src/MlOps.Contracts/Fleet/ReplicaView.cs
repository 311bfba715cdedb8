namespace MlOps.Contracts.Fleet;

/// <summary>A replica as the Deployer knows it: live when it reported within the liveness window.</summary>
public sealed record ReplicaView(string ReplicaId, string? Host, DateTimeOffset StartedAt, DateTimeOffset LastSeen, bool Live, long Revision, IReadOnlyList<VersionReport> Versions);
