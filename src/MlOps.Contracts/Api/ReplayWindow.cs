namespace MlOps.Contracts.Api;

/// <summary>
/// One window a replay closed: its time span and rows, the verdict live monitoring would give it
/// (<paramref name="Kind"/> skew, drift, or null for none or too few rows), the features past their threshold, and every feature's scores.
/// </summary>
public sealed record ReplayWindow(
    string Model,
    int Version,
    DateTimeOffset Start,
    DateTimeOffset End,
    long Rows,
    string? Kind,
    IReadOnlyList<string> DriftedFeatures,
    IReadOnlyList<FeatureWindowScore> Features);
