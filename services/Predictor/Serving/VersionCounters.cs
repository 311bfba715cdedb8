using System.Numerics;
using MlOps.Contracts.Fleet;

namespace MlOps.Predictor.Serving;

/// <summary>
/// What one version did while one split was in force: answered requests and instances, failed
/// scorings, and latency and score histograms. Lock-free and striped: a request adds, with
/// interlocked operations, to the stripe of the processor it runs on, and reads sum the stripes.
/// One shared set of counters would move its cache lines between cores on every request.
/// </summary>
public sealed class VersionCounters
{
    private const int RequestsAt = 0;
    private const int InstancesAt = 1;
    private const int ErrorsAt = 2;
    private const int LatencyAt = 3;
    private static readonly int ScoresAt = LatencyAt + FleetHistograms.LatencyBuckets;

    // Each stripe's counters, then at least a cache line (8 longs) that no stripe uses, so no two stripes share a line.
    private static readonly int Stride = ((ScoresAt + FleetHistograms.ScoreBuckets + 7) & ~7) + 8;
    private static readonly int Stripes = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount, 1, 64));

    private readonly long[] _counts = new long[Stripes * Stride];

    public long Requests => Sum(RequestsAt);

    public long Instances => Sum(InstancesAt);

    public long Errors => Sum(ErrorsAt);

    public void Answered(double latencyMs, ReadOnlySpan<float> probabilities)
    {
        var stripe = Stripe();
        Interlocked.Increment(ref _counts[stripe + RequestsAt]);
        Interlocked.Add(ref _counts[stripe + InstancesAt], probabilities.Length);
        Interlocked.Increment(ref _counts[stripe + LatencyAt + FleetHistograms.LatencyBucket(latencyMs)]);
        AddScores(stripe, probabilities);
    }

    /// <summary>Scores only, for a shadow: it answers nobody, so it has no latency of its own to report.</summary>
    public void Scored(ReadOnlySpan<float> probabilities)
    {
        var stripe = Stripe();
        Interlocked.Increment(ref _counts[stripe + RequestsAt]);
        Interlocked.Add(ref _counts[stripe + InstancesAt], probabilities.Length);
        AddScores(stripe, probabilities);
    }

    public void Failed() => Interlocked.Increment(ref _counts[Stripe() + ErrorsAt]);

    public VersionReport Report(string model, int version, long generation, ShadowReport? shadow = null) =>
        new(model, version, generation, Requests, Instances, Errors, Histogram(LatencyAt, FleetHistograms.LatencyBuckets), Histogram(ScoresAt, FleetHistograms.ScoreBuckets), shadow);

    internal static long[] Snapshot(long[] counts)
    {
        var copy = new long[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            copy[i] = Interlocked.Read(ref counts[i]);
        }

        return copy;
    }

    private static int Stripe() => (Thread.GetCurrentProcessorId() & (Stripes - 1)) * Stride;

    private long Sum(int at)
    {
        long total = 0;
        for (var stripe = 0; stripe < _counts.Length; stripe += Stride)
        {
            total += Interlocked.Read(ref _counts[stripe + at]);
        }

        return total;
    }

    private long[] Histogram(int at, int buckets)
    {
        var histogram = new long[buckets];
        for (var b = 0; b < buckets; b++)
        {
            histogram[b] = Sum(at + b);
        }

        return histogram;
    }

    private void AddScores(int stripe, ReadOnlySpan<float> probabilities)
    {
        foreach (var p in probabilities)
        {
            Interlocked.Increment(ref _counts[stripe + ScoresAt + FleetHistograms.ScoreBucket(p)]);
        }
    }
}
