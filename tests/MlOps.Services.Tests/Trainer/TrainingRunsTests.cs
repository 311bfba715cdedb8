using System.Net.Http.Json;
using MassTransit;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Registry;
using MlOps.Services.Tests.Infrastructure;
using MlOps.Trainer;

namespace MlOps.Services.Tests.Trainer;

/// <summary>A run as the Trainer's and the Registry's APIs report it, with the two modules on one bus.</summary>
public sealed class TrainingRunsTests
{
    private static Task<WebModuleHost> Start() => WebModuleHost.StartAsync(
        b =>
        {
            b.AddTrainer();
            b.AddRegistry();
        },
        a =>
        {
            a.MapTrainer();
            a.MapRegistry();
        },
        new Dictionary<string, string?>
        {
            ["Trainer:DataPath"] = "datasets/taxi",
            ["Trainer:SchemaPath"] = "datasets/taxi/schema.json",
            ["Trainer:Parameters:trees"] = "30",
        });

    private static async Task<List<TrainingRun>> Runs(WebModuleHost host) =>
        (await host.Http.GetFromJsonAsync<List<TrainingRun>>("/api/training/runs", ApiJson.Options))!;

    private static async Task<List<FailureView>> Failures(WebModuleHost host) =>
        (await host.Http.GetFromJsonAsync<List<FailureView>>("/api/models/taxi/failures", ApiJson.Options))!;

    [Fact]
    public async Task A_failed_run_keeps_all_1500_validation_errors_in_the_message_the_registry_failures_and_the_trainer_runs()
    {
        await using var host = await Start();
        Datasets.WriteTaxi(host.ArtifactRoot, "taxi", snapshots: 1, rows: 2000);
        var file = Path.Combine(host.ArtifactRoot, "datasets/taxi/taxi-2026-01-01.csv");
        var lines = File.ReadAllLines(file);
        for (var row = 1; row <= 1500; row++)
        {
            lines[row] = "13" + lines[row][lines[row].IndexOf(',')..];
        }

        File.WriteAllLines(file, lines);
        var request = new TrainingRequested(NewId.NextGuid(), "taxi", TrainingReasons.Drift, DateTimeOffset.UtcNow, DriftAlertId: Guid.NewGuid());

        await host.Bus.Publish(request);
        var failed = await Wait.Published<TrainingFailed>(host.Harness);
        await Wait.Until(async () => (await Failures(host)).Count == 1, "the Registry to record the failure");
        var failure = Assert.Single(await Failures(host));
        var run = Assert.Single(await Runs(host));

        Assert.Equal((1500L, 1500), (failed.ErrorCount, failed.Errors.Count));
        Assert.Contains("row 1500, column 'trip_month': 13 is outside the allowed range [1, 12]", failed.Errors[^1], StringComparison.Ordinal);
        Assert.Equal(1500L, failure.ErrorCount);
        Assert.Equal(failed.Errors, failure.Errors);
        Assert.Equal((TrainingRunOutcome.Failed, failed.Errors[0], request.DriftAlertId, (int?)null), (run.Outcome, run.Problem, run.DriftAlertId, run.Version));
        Assert.Equal(failed.Errors, run.Errors);
    }

    [Fact]
    public async Task A_trained_run_reports_its_confusion_matrix_and_roc_curve_and_learns_the_version_the_registry_made_of_it()
    {
        await using var host = await Start();
        Datasets.WriteTaxi(host.ArtifactRoot, "taxi", snapshots: 1, rows: 3000);
        var request = new TrainingRequested(NewId.NextGuid(), "taxi", TrainingReasons.Manual, DateTimeOffset.UtcNow);

        await host.Bus.Publish(request);
        var trained = await Wait.Published<ModelTrained>(host.Harness);
        await Wait.Until(async () => (await Runs(host)).SingleOrDefault()?.Version == 1, "the run to learn its version");
        var version = await host.Http.GetFromJsonAsync<VersionView>("/api/models/taxi/versions/1", ApiJson.Options);
        var run = Assert.Single(await Runs(host));

        var c = trained.Metrics.Confusion!;
        Assert.Equal(trained.Metrics.HoldoutRows, c.TruePositives + c.FalsePositives + c.TrueNegatives + c.FalseNegatives);
        Assert.Equal(trained.Metrics.Accuracy, (double)(c.TruePositives + c.TrueNegatives) / trained.Metrics.HoldoutRows, 12);
        var roc = trained.Metrics.Roc!;
        Assert.InRange(roc.Count, 3, 64);
        Assert.Equal(((0.0, 0.0), (1.0, 1.0)), ((roc[0].FalsePositiveRate, roc[0].TruePositiveRate), (roc[^1].FalsePositiveRate, roc[^1].TruePositiveRate)));
        Assert.Equal(trained.Metrics, version!.Metrics);
        Assert.Equal((TrainingRunOutcome.Trained, (int?)1, (IReadOnlyList<string>?)null, (Guid?)null), (run.Outcome, run.Version, run.Errors, run.DriftAlertId));
    }
}
