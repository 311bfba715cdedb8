namespace MlOps.GoogleApis.Monitoring;

/// <summary>google.api.Distribution.BucketOptions.Linear.</summary>
public sealed record LinearBuckets(int NumFiniteBuckets, double Width, double Offset);
