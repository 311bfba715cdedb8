namespace MlOps.GoogleApis.Monitoring;

/// <summary>google.api.Distribution.BucketOptions.</summary>
public sealed record BucketOptions(ExponentialBuckets? ExponentialBuckets, LinearBuckets? LinearBuckets, ExplicitBuckets? ExplicitBuckets);
