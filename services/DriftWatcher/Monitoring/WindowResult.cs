namespace MlOps.DriftWatcher.Monitoring;

/// <summary>One closed window: each feature's distance from the training baseline (skew) and from the previous window (drift).</summary>
public sealed record WindowResult(
    string Model,
    int Version,
    DateTimeOffset Start,
    DateTimeOffset End,
    long Samples,
    IReadOnlyList<FeatureWindowScore> Features)
{
    public bool AnySkew => Features.Any(f => f.Skew > f.Threshold);

    public bool AnyDrift => Features.Any(f => f.Drift > f.DriftThreshold);
}

public sealed record FeatureWindowScore(string Feature, string Metric, double Skew, double? Drift, double Psi, double Threshold, double DriftThreshold);
