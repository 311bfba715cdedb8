namespace MlOps.Contracts.Fleet;

/// <summary>A shadow's instances compared with the serving answer: how many, how many got the same label, how many it failed to score, and the served scores of the same instances.</summary>
public sealed record ShadowReport(long Compared, long Agreed, long Errors, IReadOnlyList<long> ServedScores);
