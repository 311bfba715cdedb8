using System.Text.Json.Serialization;

namespace MlOps.Contracts.Api;

/// <summary>One closed window: each feature's distance from the training baseline (skew) and from the previous window (drift).</summary>
public sealed record DriftWindow(
    string Model,
    int Version,
    DateTimeOffset Start,
    DateTimeOffset End,
    long Samples,
    IReadOnlyList<FeatureWindowScore> Features)
{
    [JsonIgnore]
    public bool AnySkew => Features.Any(f => f.Skew > f.Threshold);

    [JsonIgnore]
    public bool AnyDrift => Features.Any(f => f.Drift > f.DriftThreshold);
}
