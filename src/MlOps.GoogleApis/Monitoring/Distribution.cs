using System.Text.Json.Serialization;

namespace MlOps.GoogleApis.Monitoring;

/// <summary>google.api.Distribution: counts per bucket of the bucket layout its options describe.</summary>
public sealed record Distribution
{
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long Count { get; init; }

    public double Mean { get; init; }

    public BucketOptions? BucketOptions { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public IReadOnlyList<long>? BucketCounts { get; init; }

    /// <summary>The upper bound of bucket <paramref name="index"/> (bucket 0 is underflow; the last is overflow, unbounded).</summary>
    public double UpperBound(int index) => BucketOptions switch
    {
        { ExponentialBuckets: { } e } => index >= e.NumFiniteBuckets + 1 ? double.PositiveInfinity : e.Scale * Math.Pow(e.GrowthFactor, index),
        { LinearBuckets: { } l } => index >= l.NumFiniteBuckets + 1 ? double.PositiveInfinity : l.Offset + l.Width * index,
        { ExplicitBuckets: { } x } => index >= x.Bounds.Count ? double.PositiveInfinity : x.Bounds[index],
        _ => double.PositiveInfinity,
    };
}
