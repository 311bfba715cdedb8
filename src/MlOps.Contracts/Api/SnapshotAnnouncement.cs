namespace MlOps.Contracts.Api;

/// <summary><c>POST /api/drift/{model}/snapshots</c>: a new labelled snapshot, as an artifact name.</summary>
public sealed record SnapshotAnnouncement(string Path, long? Rows = null);
