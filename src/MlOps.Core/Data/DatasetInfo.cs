namespace MlOps.Core.Data;

/// <summary>Where a dataset came from: its files, row count and the SHA-256 of their bytes.</summary>
public sealed record DatasetInfo(string Fingerprint, IReadOnlyList<string> Files, long RowCount);
