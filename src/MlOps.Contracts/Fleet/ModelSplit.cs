namespace MlOps.Contracts.Fleet;

/// <summary>One model's split: the versions that take its traffic (percents sum to 100) and, at most one, a shadow that sees a copy of it.</summary>
public sealed record ModelSplit(string Model, long Generation, IReadOnlyList<SplitEntry> Versions);
