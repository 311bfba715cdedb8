using Microsoft.Extensions.DependencyInjection;
using MlOps.Contracts;
using MlOps.Core.Synthetic;
using MlOps.DriftWatcher;
using MlOps.DriftWatcher.Monitoring;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.DriftWatcher;

public sealed class DriftMonitorTests
{
    private static async Task<(ModuleHost Host, DriftMonitor Monitor)> Start(IDictionary<string, string?>? settings = null)
    {
        var host = await ModuleHost.StartAsync(b => b.AddDriftWatcher(), settings ?? new Dictionary<string, string?>
        {
            ["DriftWatcher:WindowSize"] = "500",
            ["DriftWatcher:MinimumSamples"] = "200",
            ["DriftWatcher:CooldownSeconds"] = "600",
        });
        Packages.WriteStable(host.ArtifactRoot);
        return (host, host.Services.GetRequiredService<DriftMonitor>());
    }

    private static List<DriftDetected> Feed(DriftMonitor monitor, IEnumerable<PredictionLogEntry> entries) =>
        entries.Select(monitor.Observe).OfType<DriftDetected>().ToList();

    [Fact]
    public async Task Stable_traffic_raises_no_alarm_over_many_windows()
    {
        var (host, monitor) = await Start();
        await using var _ = host;

        var alerts = Feed(monitor, LogEntries.Stream(30_000, seed: 100));

        Assert.Empty(alerts);
        var window = monitor.Monitors.Single().LastWindow!;
        Assert.Equal(500, window.Samples);
        Assert.All(window.Features, f => Assert.NotNull(f.Drift));
        Assert.All(window.Features, f => Assert.True(f.Skew < f.Threshold, $"{f.Feature} skew {f.Skew:F3}"));
    }

    [Theory]
    [InlineData(DriftScenario.PaymentShift, "payment_type")]
    [InlineData(DriftScenario.AirportSurge, "trip_distance")]
    [InlineData(DriftScenario.AirportSurge, "pickup_zone")]
    public async Task Each_feature_drift_scenario_raises_one_alarm_on_the_drifted_feature(DriftScenario scenario, string feature)
    {
        var (host, monitor) = await Start();
        await using var _ = host;

        var before = Feed(monitor, LogEntries.Stream(2_000, seed: 200));
        var during = Feed(monitor, LogEntries.Stream(5_000, seed: 300, scenario));

        Assert.Empty(before);
        var alert = Assert.Single(during);
        Assert.Equal(("taxi", 1, "skew"), (alert.Model, alert.Version, alert.Kind));
        Assert.Contains(alert.Features, f => f.Feature == feature && f.Drifted && f.Distance > f.Threshold);
        Assert.InRange(alert.SampleSize, 200, 500);
        Assert.True(alert.WindowEnd >= alert.WindowStart);
    }

    [Fact]
    public async Task Concept_drift_leaves_the_features_alone_and_is_caught_on_labelled_data()
    {
        var (host, monitor) = await Start();
        await using var _ = host;
        var stable = Path.Combine(host.ArtifactRoot, "stable.csv");
        var changed = Path.Combine(host.ArtifactRoot, "changed.csv");
        TaxiTripGenerator.WriteCsv(stable, new TaxiTripGenerator(401).Generate(3000));
        TaxiTripGenerator.WriteCsv(changed, new TaxiTripGenerator(402, DriftScenario.TippingChange).Generate(3000));

        var fromLogs = Feed(monitor, LogEntries.Stream(5_000, seed: 400, DriftScenario.TippingChange));
        monitor.Serving("taxi", 1, "packages/taxi/v1");
        var onStable = monitor.CheckPerformance("taxi", stable);
        var onChanged = monitor.CheckPerformance("taxi", changed);

        Assert.Empty(fromLogs);
        Assert.Null(onStable);
        Assert.Equal("performance", onChanged!.Kind);
        Assert.True(Assert.Single(onChanged.Features).Distance > 0.05);
    }

    [Fact]
    public async Task A_window_below_the_minimum_samples_gives_no_verdict()
    {
        var (host, monitor) = await Start(new Dictionary<string, string?> { ["DriftWatcher:WindowSize"] = "100", ["DriftWatcher:MinimumSamples"] = "300" });
        await using var _ = host;

        var alerts = Feed(monitor, LogEntries.Stream(2_000, seed: 500, DriftScenario.PaymentShift));

        Assert.Empty(alerts);
        Assert.True(monitor.Monitors.Single().LastWindow!.AnySkew);
    }

    [Fact]
    public async Task Malformed_entries_are_counted_and_set_aside_and_the_rest_still_count()
    {
        var (host, monitor) = await Start();
        await using var _ = host;
        var good = LogEntries.For(new TaxiTripGenerator(1).Next());
        var features = good.JsonPayload!.Features![0];
        PredictionLogEntry With(Dictionary<string, FeatureValue> f, int? version = 1, List<float>? predictions = null) =>
            good with { JsonPayload = good.JsonPayload with { Features = [f], Version = version, Predictions = predictions ?? [0.1f] } };

        PredictionLogEntry[] bad =
        [
            new PredictionLogEntry(),
            With(features, version: null),
            With(new Dictionary<string, FeatureValue>(features.Where(kv => kv.Key != "trip_hour"))),
            With(new Dictionary<string, FeatureValue>(features) { ["trip_hour"] = FeatureValue.Of("noon") }),
            With(new Dictionary<string, FeatureValue>(features) { ["trip_hour"] = new FeatureValue(null, null, Invalid: true) }),
            With(features, predictions: [0.1f, 0.2f]),
            good with { JsonPayload = good.JsonPayload with { PackageUri = "packages/taxi/none", Version = 9 } },
        ];

        foreach (var entry in bad)
        {
            Assert.Null(monitor.Observe(entry));
        }

        monitor.Observe(good);

        Assert.Equal(bad.Length, monitor.MalformedCount);
        Assert.Equal(1, monitor.Monitors.Single(m => m.Version == 1).Count);
        Assert.Contains(monitor.MalformedSamples, m => m.Problem.Contains("feature 'trip_hour' is missing"));
        Assert.Contains(monitor.MalformedSamples, m => m.Problem.Contains("wrong type"));
        Assert.Contains(monitor.MalformedSamples, m => m.Problem.Contains("cannot be loaded"));
    }

    [Fact]
    public async Task Unreadable_messages_are_counted_but_only_the_most_recent_are_kept()
    {
        var (host, monitor) = await Start();
        await using var _ = host;

        for (var i = 0; i < 100; i++)
        {
            monitor.Unreadable($"unreadable message {i}");
        }

        Assert.Equal(100, monitor.MalformedCount);
        Assert.Equal(20, monitor.MalformedSamples.Count);
        Assert.Equal("unreadable message 99", monitor.MalformedSamples[^1].Problem);
    }
}
