using Bunit;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.WebConsole.Components.Pages;

namespace MlOps.WebConsole.Tests.Components;

public sealed class DriftPageTests : ConsoleComponentTest
{
    private readonly DriftDetected _answered = Alert(0.31);
    private readonly DriftDetected _unanswered = Alert(0.27);

    public DriftPageTests() =>
        Platform.Drift[Samples.Model] = new DriftStatus(Samples.Model, 2, [new VersionDrift(2, "models/trips/v2.zip", 120, null)], [_answered, _unanswered]);

    [Fact]
    public void An_alert_whose_retraining_ran_links_to_that_run_on_the_training_page()
    {
        var run = Samples.Run(TrainingRunOutcome.Trained, alert: _answered.AlertId, version: 3);
        Platform.Runs.Add(run);

        var page = Render<Drift>(p => p.Add(x => x.Model, Samples.Model));

        var link = page.Find($"#alert-{_answered.AlertId} a.retraining");
        Assert.Equal($"/training#run-{run.RequestId}", link.GetAttribute("href"));
        Assert.Equal($"run {run.RequestId.ToString()[..8]} (trained, v3)", link.TextContent);
        Assert.Equal("trip_distance 0.3100 > 0.2000", page.Find($"#alert-{_answered.AlertId}").Children[3].TextContent);
    }

    [Fact]
    public void An_alert_without_a_retraining_says_none_yet()
    {
        Platform.Runs.Add(Samples.Run(TrainingRunOutcome.Trained, alert: _answered.AlertId));

        var page = Render<Drift>(p => p.Add(x => x.Model, Samples.Model));

        var row = page.Find($"#alert-{_unanswered.AlertId}");
        Assert.Empty(row.QuerySelectorAll("a.retraining"));
        Assert.Equal("none yet", row.QuerySelector(".empty")!.TextContent);
        Assert.Equal("No window has closed yet.", page.Find("#no-windows").TextContent);
        Assert.Equal("No distribution to compare yet.", page.Find("#no-histograms").TextContent);
    }

    [Fact]
    public void A_model_the_drift_watcher_has_not_seen_says_so()
    {
        var page = Render<Drift>(p => p.Add(x => x.Model, "ghost"));

        Assert.Equal("The DriftWatcher has seen no prediction of ghost yet.", page.Find("#no-drift").TextContent);
    }

    [Fact]
    public void Each_feature_gets_a_chart_of_its_windows_against_its_threshold()
    {
        Platform.DriftHistories[Samples.Model] = new DriftHistory(Samples.Model,
        [
            Window(Samples.At, ("trip_distance", 0.05), ("fare", 0.01)),
            Window(Samples.At.AddMinutes(5), ("trip_distance", 0.31), ("fare", 0.02)),
        ]);

        var page = Render<Drift>(p => p.Add(x => x.Model, Samples.Model));

        Assert.Equal(["trip_distance", "fare"], page.FindAll("#drift-charts figure").Select(f => f.GetAttribute("data-feature")));
        Assert.Equal(2, page.FindAll("figure[data-feature='trip_distance'] circle").Count);
        Assert.Equal(["#0f5ea8", "#a4262c"], page.FindAll("figure[data-feature='trip_distance'] circle").Select(c => c.GetAttribute("fill")));
    }

    private static DriftDetected Alert(double distance) => new(
        Guid.NewGuid(), Samples.Model, 2, DriftKinds.Skew,
        [new FeatureScore("trip_distance", "jensen-shannon", distance, 0.2, true), new FeatureScore("fare", "jensen-shannon", 0.05, 0.2, false)],
        Samples.At, Samples.At.AddMinutes(5), 500, Samples.At.AddMinutes(5));

    private static DriftWindow Window(DateTime start, params (string Feature, double Skew)[] scores) => new(
        Samples.Model, 2, start, start.AddMinutes(5), 500,
        [.. scores.Select(s => new FeatureWindowScore(s.Feature, "jensen-shannon", s.Skew, null, s.Skew * 2, 0.2, 0.2))]);
}
