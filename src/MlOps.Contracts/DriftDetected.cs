namespace MlOps.Contracts;

/// <summary>
/// Live data left the model's training regime. <paramref name="Kind"/> is skew (against the
/// training baseline), drift (against the previous window) or performance (labelled data scored worse).
/// </summary>
public sealed record DriftDetected(
    Guid AlertId,
    string Model,
    int Version,
    string Kind,
    IReadOnlyList<FeatureScore> Features,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    long SampleSize,
    DateTimeOffset DetectedAt);
