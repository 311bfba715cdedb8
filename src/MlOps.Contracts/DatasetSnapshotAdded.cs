namespace MlOps.Contracts;

/// <summary>A new labelled snapshot landed in a dataset folder (relative to the artifact root).</summary>
public sealed record DatasetSnapshotAdded(string Model, string Path, long Rows, DateTimeOffset AddedAt);
