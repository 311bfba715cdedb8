namespace MlOps.Core.Data;

/// <summary>Where a dataset came from: its files, row count, the SHA-256 of their bytes and the label value seen for the negative class.</summary>
public sealed record DatasetInfo(string Fingerprint, IReadOnlyList<string> Files, long RowCount, string? NegativeClass = null);
