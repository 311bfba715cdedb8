namespace MlOps.Contracts.Api;

/// <summary>Log entries that were counted and set aside, with the most recent of them.</summary>
public sealed record MalformedEntries(long Count, IReadOnlyList<MalformedEntry> Recent);
