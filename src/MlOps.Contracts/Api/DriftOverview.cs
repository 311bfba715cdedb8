namespace MlOps.Contracts.Api;

/// <summary>What the DriftWatcher has seen: entries read, entries set aside, models watched.</summary>
public sealed record DriftOverview(long Entries, long Malformed, IReadOnlyList<string> Models);
