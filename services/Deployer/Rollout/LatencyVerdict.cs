using MlOps.Contracts.Fleet;

namespace MlOps.Deployer.Rollout;

/// <summary>
/// Whether a canary is slower than the stable version, from the latency histograms both counted over
/// the same split. The canary is slower when its p99 is over <see cref="CanaryOptions.MaxLatencyRatio"/>
/// × the stable version's and <see cref="CanaryOptions.MinLatencyGapMs"/> slower, <em>and</em> that
/// tail is its own: the share of its predictions in the buckets from its p99 up is higher than the
/// stable version's share of the same buckets by more than chance allows (a one-sided two-proportion
/// test at <see cref="SignificantZ"/>). Both versions answer the same traffic on the same replicas at
/// the same time, so a pause — a collection, a busy core — lands on either at random; on a few
/// hundred predictions the p99 is the third slowest, and three unlucky requests move it. A version
/// slower on every request, or on a tenth of them, stands out of chance at once.
/// </summary>
public static class LatencyVerdict
{
    /// <summary>One-sided z of the tail test: a canary as fast as the stable version reaches it by chance once in a thousand verdicts.</summary>
    public const double SignificantZ = 3.09;

    /// <summary>Why the canary is slower, or null when it is not (or there is not yet anything to compare).</summary>
    public static string? Slower(CanaryOptions canary, IReadOnlyList<long> canaryLatency, IReadOnlyList<long> stableLatency, int stableVersion)
    {
        if (FleetHistograms.LatencyQuantile(canaryLatency, 0.99) is not { } canaryP99
            || FleetHistograms.LatencyQuantile(stableLatency, 0.99) is not { } stableP99
            || !(canaryP99 > stableP99 * canary.MaxLatencyRatio && canaryP99 - stableP99 >= canary.MinLatencyGapMs))
        {
            return null;
        }

        var tail = FleetHistograms.LatencyBucket(canaryP99);
        var (slow, answered) = Tail(canaryLatency, tail);
        var (stableSlow, stableAnswered) = Tail(stableLatency, tail);
        var z = TailZ(slow, answered, stableSlow, stableAnswered);
        if (z < SignificantZ)
        {
            return null;
        }

        var over = tail == 0 ? 0 : FleetHistograms.LatencyBoundsMs[tail - 1];
        var p99 = double.IsFinite(canaryP99) ? $"{canaryP99:0.##} ms" : $"over {over:0.##} ms";
        return $"canary p99 latency {p99} is over {canary.MaxLatencyRatio:0.##}× v{stableVersion}'s {stableP99:0.##} ms: "
            + $"{slow} of its {answered} predictions took over {over:0.##} ms against {stableSlow} of v{stableVersion}'s {stableAnswered} (z = {z:0.0})";
    }

    /// <summary>One-sided two-proportion z: how far the first share is above the second, in standard errors of their pooled share.</summary>
    public static double TailZ(long slow, long answered, long otherSlow, long otherAnswered)
    {
        if (answered == 0 || otherAnswered == 0)
        {
            return 0;
        }

        var pooled = (double)(slow + otherSlow) / (answered + otherAnswered);
        var error = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / answered) + (1.0 / otherAnswered)));
        var gap = ((double)slow / answered) - ((double)otherSlow / otherAnswered);
        return error > 0 ? gap / error : 0;
    }

    private static (long Slow, long Answered) Tail(IReadOnlyList<long> latency, int fromBucket)
    {
        long slow = 0, answered = 0;
        for (var b = 0; b < latency.Count; b++)
        {
            answered += latency[b];
            slow += b >= fromBucket ? latency[b] : 0;
        }

        return (slow, answered);
    }
}
