namespace MlOps.GoogleApis.Monitoring;

/// <summary>google.api.Distribution.BucketOptions.Explicit.</summary>
public sealed record ExplicitBuckets(IReadOnlyList<double> Bounds);
