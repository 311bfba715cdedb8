using MlOps.Contracts.Fleet;

namespace MlOps.Predictor.Serving;

/// <summary>
/// What one version did while one split was in force: answered requests and instances, failed
/// scorings, and latency and score histograms. Lock-free: each request adds with interlocked operations.
/// </summary>
public sealed class VersionCounters
{
    private readonly long[] _latency = new long[FleetHistograms.LatencyBuckets];
    private readonly long[] _scores = new long[FleetHistograms.ScoreBuckets];
    private long _requests;
    private long _instances;
    private long _errors;

    public long Requests => Interlocked.Read(ref _requests);

    public long Instances => Interlocked.Read(ref _instances);

    public long Errors => Interlocked.Read(ref _errors);

    public void Answered(double latencyMs, ReadOnlySpan<float> probabilities)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _instances, probabilities.Length);
        Interlocked.Increment(ref _latency[FleetHistograms.LatencyBucket(latencyMs)]);
        AddScores(probabilities);
    }

    /// <summary>Scores only, for a shadow: it answers nobody, so it has no latency of its own to report.</summary>
    public void Scored(ReadOnlySpan<float> probabilities)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _instances, probabilities.Length);
        AddScores(probabilities);
    }

    public void Failed() => Interlocked.Increment(ref _errors);

    public VersionReport Report(string model, int version, long generation, ShadowReport? shadow = null) =>
        new(model, version, generation, Requests, Instances, Errors, Snapshot(_latency), Snapshot(_scores), shadow);

    internal static long[] Snapshot(long[] counts)
    {
        var copy = new long[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            copy[i] = Interlocked.Read(ref counts[i]);
        }

        return copy;
    }

    private void AddScores(ReadOnlySpan<float> probabilities)
    {
        foreach (var p in probabilities)
        {
            Interlocked.Increment(ref _scores[FleetHistograms.ScoreBucket(p)]);
        }
    }
}
