using System.Diagnostics;
using MlOps.Predictor.Serving;

/// <summary>
/// What counting one request for the Deployer's signals costs the Predictor, measured alone: the call
/// its request path makes after every answer whatever the rollout (<see cref="VersionCounters.Answered"/>:
/// requests, instances, a latency and a score bucket, each an interlocked add), from two threads on one
/// version's counters, as a replica's request threads share them.
/// </summary>
internal static class SignalCost
{
    /// <summary>Nanoseconds a call, as each of <paramref name="threads"/> threads sees it.</summary>
    public static double NanosecondsPerRequest(int threads, int calls = 2_000_000)
    {
        var counters = new VersionCounters();
        Count(counters, calls / 10);
        var started = Stopwatch.GetTimestamp();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ => Count(counters, calls));
        return Stopwatch.GetElapsedTime(started).TotalNanoseconds / calls;
    }

    private static void Count(VersionCounters counters, int calls)
    {
        Span<float> score = [0.42f];
        for (var i = 0; i < calls; i++)
        {
            counters.Answered(0.3 + (i & 7) * 0.1, score);
        }
    }
}
