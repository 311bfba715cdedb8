namespace MlOps.GoogleApis.Monitoring;

/// <summary>google.api.Distribution.BucketOptions.Exponential: bucket i (1 ≤ i ≤ N) is [scale·g^(i−1), scale·g^i).</summary>
public sealed record ExponentialBuckets(int NumFiniteBuckets, double GrowthFactor, double Scale);
