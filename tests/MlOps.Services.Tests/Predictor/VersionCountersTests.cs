using MlOps.Contracts.Fleet;
using MlOps.Predictor.Serving;

namespace MlOps.Services.Tests.Predictor;

public sealed class VersionCountersTests
{
    [Fact]
    public void Counts_added_from_many_threads_at_once_are_all_in_the_report()
    {
        var counters = new VersionCounters();
        const int threads = 8;
        const int each = 20_000;

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (var i = 0; i < each; i++)
            {
                // Thread t answers at 0.3 ms with scores 0.05 and 0.95, and fails once in a hundred.
                counters.Answered(0.3, [0.05f, 0.95f]);
                if (i % 100 == 0)
                {
                    counters.Failed();
                }
            }
        });

        var report = counters.Report("taxi", 3, 7);

        Assert.Equal(threads * each, report.Requests);
        Assert.Equal(threads * each * 2, report.Instances);
        Assert.Equal(threads * each / 100, report.Errors);
        Assert.Equal(threads * each, report.Latency[FleetHistograms.LatencyBucket(0.3)]);
        Assert.Equal(threads * each, report.Latency.Sum());
        Assert.Equal(threads * each, report.Scores[FleetHistograms.ScoreBucket(0.05f)]);
        Assert.Equal(threads * each, report.Scores[FleetHistograms.ScoreBucket(0.95f)]);
        Assert.Equal(FleetHistograms.LatencyBuckets, report.Latency.Count);
        Assert.Equal(FleetHistograms.ScoreBuckets, report.Scores.Count);
    }

    [Fact]
    public void A_shadow_counts_scores_without_latency()
    {
        var counters = new VersionCounters();

        counters.Scored([0.5f, 0.51f, 0.2f]);

        var report = counters.Report("taxi", 4, 1);
        Assert.Equal((1, 3), (report.Requests, report.Instances));
        Assert.Equal(0, report.Latency.Sum());
        Assert.Equal(2, report.Scores[FleetHistograms.ScoreBucket(0.5f)]);
    }
}
