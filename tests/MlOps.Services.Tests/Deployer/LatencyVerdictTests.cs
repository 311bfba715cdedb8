using MlOps.Contracts.Fleet;
using MlOps.Deployer;
using MlOps.Deployer.Rollout;

namespace MlOps.Services.Tests.Deployer;

public sealed class LatencyVerdictTests
{
    private static readonly CanaryOptions Defaults = new();

    [Fact]
    public void A_few_paused_requests_are_chance_not_a_slower_canary()
    {
        // The p99 of 200 is their third slowest: four requests caught by a 15 ms pause set it at 20 ms,
        // against the stable version's 5 ms with one such request. The old rule (p99 alone) rolled this back.
        var canary = Histogram((1, 196), (20, 4));
        var stable = Histogram((1, 197), (5, 2), (20, 1));
        Assert.Equal(20, FleetHistograms.LatencyQuantile(canary, 0.99));
        Assert.Equal(5, FleetHistograms.LatencyQuantile(stable, 0.99));

        Assert.Null(LatencyVerdict.Slower(Defaults, canary, stable, stableVersion: 1));
    }

    [Fact]
    public void A_canary_slower_on_every_request_is_slower()
    {
        var reason = LatencyVerdict.Slower(Defaults, Histogram((20, 200)), Histogram((1, 198), (5, 2)), stableVersion: 1);

        Assert.NotNull(reason);
        Assert.StartsWith("canary p99 latency 20 ms is over 2× v1's 1 ms: 200 of its 200 predictions took over 10 ms against 0 of v1's 200", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_canary_slow_on_a_tenth_of_its_requests_is_slower()
    {
        Assert.NotNull(LatencyVerdict.Slower(Defaults, Histogram((1, 180), (50, 20)), Histogram((1, 199), (50, 1)), stableVersion: 3));
    }

    [Fact]
    public void A_canary_whose_p99_is_past_the_last_bound_is_slower()
    {
        var reason = LatencyVerdict.Slower(Defaults, Histogram((double.PositiveInfinity, 200)), Histogram((1, 200)), stableVersion: 1);

        Assert.NotNull(reason);
        Assert.StartsWith("canary p99 latency over 5000 ms is over 2×", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gap_smaller_than_the_minimum_is_not_slower_however_certain()
    {
        Assert.Null(LatencyVerdict.Slower(Defaults, Histogram((0.5, 1000)), Histogram((0.1, 1000)), stableVersion: 1));
        Assert.NotNull(LatencyVerdict.Slower(new CanaryOptions { MinLatencyGapMs = 0.1 }, Histogram((0.5, 1000)), Histogram((0.1, 1000)), stableVersion: 1));
    }

    [Fact]
    public void Nothing_to_compare_is_no_verdict()
    {
        Assert.Null(LatencyVerdict.Slower(Defaults, Histogram((20, 200)), Histogram(), stableVersion: 1));
        Assert.Null(LatencyVerdict.Slower(Defaults, Histogram(), Histogram((1, 200)), stableVersion: 1));
    }

    [Theory]
    [InlineData(4, 200, 1, 200, 0, 1.5)]
    [InlineData(10, 200, 0, 200, 3.1, 3.3)]
    [InlineData(200, 200, 0, 200, 19, 21)]
    [InlineData(0, 200, 5, 200, -3, 0)]
    [InlineData(5, 0, 1, 200, 0, 0)]
    public void The_tail_test_is_a_two_proportion_z(long slow, long answered, long otherSlow, long otherAnswered, double atLeast, double atMost)
    {
        var z = LatencyVerdict.TailZ(slow, answered, otherSlow, otherAnswered);

        Assert.InRange(z, atLeast, atMost);
    }

    private static long[] Histogram(params (double Ms, long Count)[] counts)
    {
        var histogram = new long[FleetHistograms.LatencyBuckets];
        foreach (var (ms, count) in counts)
        {
            histogram[FleetHistograms.LatencyBucket(ms)] += count;
        }

        return histogram;
    }
}
