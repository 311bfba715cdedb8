using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Core.Synthetic;
using MlOps.DriftWatcher;
using MlOps.DriftWatcher.Monitoring;
using MlOps.Services.Tests.Infrastructure;
using MlOps.Testing;

namespace MlOps.Services.Tests.DriftWatcher;

/// <summary>The closed windows each version keeps, and its features' baseline beside their current distribution, over HTTP.</summary>
public sealed class DriftHistoryTests
{
    private static async Task<(WebModuleHost Host, DriftMonitor Monitor)> Start(int windowSize)
    {
        var host = await WebModuleHost.StartAsync(b => b.AddDriftWatcher(), a => a.MapDriftWatcher(), new Dictionary<string, string?>
        {
            ["DriftWatcher:WindowSize"] = $"{windowSize}",
            ["DriftWatcher:MinimumSamples"] = $"{windowSize}",
        });
        Packages.WriteStable(host.ArtifactRoot);
        return (host, host.Services.GetRequiredService<DriftMonitor>());
    }

    private static void Feed(DriftMonitor monitor, IEnumerable<PredictionLogEntry> entries)
    {
        foreach (var entry in entries)
        {
            monitor.Observe(entry);
        }
    }

    private static async Task<T> Get<T>(WebModuleHost host, string path) => (await host.Http.GetFromJsonAsync<T>(path, ApiJson.Options))!;

    [Fact]
    public async Task The_history_grows_by_one_window_as_each_closes_oldest_first()
    {
        var (host, monitor) = await Start(windowSize: 10);
        await using var _ = host;

        Feed(monitor, LogEntries.Stream(15, seed: 1));
        var one = await Get<DriftHistory>(host, "/api/drift/taxi/windows");
        Feed(monitor, LogEntries.Stream(15, seed: 2));
        var three = await Get<DriftHistory>(host, "/api/drift/taxi/windows?version=1");

        Assert.Equal(("taxi", 1), (one.Model, one.Windows.Count));
        Assert.Equal(3, three.Windows.Count);
        Assert.Equal(one.Windows[0].End, three.Windows[0].End);
        Assert.Equal(monitor.Monitors.Single().LastWindow!.End, three.Windows[^1].End);
        Assert.All(three.Windows, w => Assert.Equal((1, 10L), (w.Version, w.Samples)));
        Assert.True(three.Windows.Zip(three.Windows.Skip(1)).All(p => p.First.End <= p.Second.End), "oldest first");
    }

    [Fact]
    public async Task The_history_keeps_the_newest_200_windows_of_each_version()
    {
        var (host, monitor) = await Start(windowSize: 10);
        await using var _ = host;
        Packages.WriteSurge(host.ArtifactRoot);

        Feed(monitor, LogEntries.Stream(2_150, seed: 3));
        Feed(monitor, new TaxiTripGenerator(4).Generate(50).Select(t => LogEntries.For(t, version: 2, packageUri: "packages/taxi/v2")));
        var newest = monitor.Monitors.Single(m => m.Version == 1).LastWindow!;
        var v1 = await Get<DriftHistory>(host, "/api/drift/taxi/windows?version=1");
        var all = await Get<DriftHistory>(host, "/api/drift/taxi/windows");

        Assert.Equal(VersionMonitor.KeptWindows, v1.Windows.Count);
        Assert.Equal(newest.End, v1.Windows[^1].End);
        Assert.Equal((VersionMonitor.KeptWindows, 5), (all.Windows.Count(w => w.Version == 1), all.Windows.Count(w => w.Version == 2)));
    }

    [Fact]
    public async Task An_unknown_model_or_version_is_a_404_problem()
    {
        var (host, monitor) = await Start(windowSize: 10);
        await using var _ = host;
        Feed(monitor, LogEntries.Stream(10, seed: 5));

        HttpStatusCode[] answers =
        [
            (await host.Http.GetAsync("/api/drift/nobody/windows")).StatusCode,
            (await host.Http.GetAsync("/api/drift/taxi/windows?version=7")).StatusCode,
            (await host.Http.GetAsync("/api/drift/nobody/histograms")).StatusCode,
            (await host.Http.GetAsync("/api/drift/taxi/histograms?version=7")).StatusCode,
        ];
        using var problem = await host.Http.GetAsync("/api/drift/taxi/histograms?version=7");

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a));
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'taxi' v7", await problem.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Under_a_drifted_feed_each_feature_has_baseline_and_current_shares_summing_to_one_and_the_drifted_one_differs()
    {
        var (host, monitor) = await Start(windowSize: 500);
        await using var _ = host;

        Feed(monitor, LogEntries.Stream(500, seed: 6));
        Feed(monitor, LogEntries.Stream(500, seed: 7, DriftScenario.PaymentShift));
        var histograms = await Get<DriftHistograms>(host, "/api/drift/taxi/histograms");

        Assert.Equal(("taxi", 1), (histograms.Model, histograms.Version));
        Assert.Equal(TaxiTripGenerator.Schema.Features.Select(f => f.Name), histograms.Features.Select(f => f.Feature));
        Assert.All(histograms.Features, f =>
        {
            Assert.Equal(1, f.Bins.Sum(b => b.Baseline), 9);
            Assert.Equal(1, f.Bins.Sum(b => b.Current), 9);
            Assert.All(f.Bins, b => Assert.True(b.Baseline is >= 0 and <= 1 && b.Current is >= 0 and <= 1, $"{f.Feature} {b}"));
            Assert.Equal("(missing)", f.Bins[^1].Label);
        });
        var payment = histograms.Features.Single(f => f.Feature == "payment_type");
        Assert.Equal(FeatureKinds.Categorical, payment.Kind);
        Assert.Equal(FeatureKinds.Numeric, histograms.Features.Single(f => f.Feature == "trip_distance").Kind);
        var shift = payment.Bins.Max(b => Math.Abs(b.Current - b.Baseline));
        var skew = monitor.Monitors.Single().LastWindow!.Features.Single(f => f.Feature == "payment_type").Skew;
        Assert.True(shift > 0.1, $"payment_type moved {shift:F3}");
        Assert.Equal(skew, shift, 9);
    }

    [Fact]
    public async Task Before_any_window_closes_the_current_shares_are_the_open_window_and_the_default_version_follows_the_serving_one()
    {
        var (host, monitor) = await Start(windowSize: 500);
        await using var _ = host;
        Packages.WriteSurge(host.ArtifactRoot);

        Feed(monitor, LogEntries.Stream(100, seed: 8));
        Feed(monitor, new TaxiTripGenerator(9).Generate(100).Select(t => LogEntries.For(t, version: 2, packageUri: "packages/taxi/v2")));
        var first = await Get<DriftHistograms>(host, "/api/drift/taxi/histograms");
        monitor.Serving("taxi", 2, "packages/taxi/v2");
        var serving = await Get<DriftHistograms>(host, "/api/drift/taxi/histograms");
        var asked = await Get<DriftHistograms>(host, "/api/drift/taxi/histograms?version=1");

        Assert.DoesNotContain(monitor.Monitors, m => m.LastWindow is not null);
        Assert.Equal((1, 2, 1), (first.Version, serving.Version, asked.Version));
        Assert.All(first.Features, f => Assert.Equal(1, f.Bins.Sum(b => b.Current), 9));
    }
}
