namespace MlOps.Rehearsal.StandIns.Monitoring;

/// <summary>
/// Latencies in milliseconds as a google.api.Distribution with exponential buckets: 40 finite buckets from 0.1 ms
/// growing by 1.4 (up to about 70 s), an underflow bucket below 0.1 ms and an overflow bucket above.
/// </summary>
internal sealed class LatencyDistribution
{
    public const int NumFiniteBuckets = 40;
    public const double GrowthFactor = 1.4;
    public const double Scale = 0.1;

    private readonly long[] _buckets = new long[NumFiniteBuckets + 2];
    private double _mean;
    private double _squaredDeviations;

    public long Count { get; private set; }

    public double Mean => _mean;

    public double SumOfSquaredDeviation => _squaredDeviations;

    /// <summary>The counts of buckets 0 (underflow) to N + 1 (overflow), without the trailing zeros Google leaves out too.</summary>
    public IReadOnlyList<long> BucketCounts => [.. _buckets.Take(Array.FindLastIndex(_buckets, c => c > 0) + 1)];

    public void Add(double milliseconds)
    {
        // Welford's update keeps the mean and the sum of squared deviations exact enough without keeping every value.
        Count++;
        var delta = milliseconds - _mean;
        _mean += delta / Count;
        _squaredDeviations += delta * (milliseconds - _mean);
        _buckets[Bucket(milliseconds)]++;
    }

    /// <summary>Bucket i (1 ≤ i ≤ N) holds [scale·growth^(i−1), scale·growth^i).</summary>
    private static int Bucket(double milliseconds) =>
        milliseconds < Scale ? 0 : Math.Min(NumFiniteBuckets + 1, 1 + (int)Math.Floor(Math.Log(milliseconds / Scale) / Math.Log(GrowthFactor)));
}
