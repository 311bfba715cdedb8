using MassTransit;
using MlOps.Contracts;
using MlOps.Core.Packaging;
using MlOps.Core.Synthetic;
using MlOps.Services.Tests.Infrastructure;
using MlOps.Trainer;

namespace MlOps.Services.Tests.Trainer;

public sealed class TrainerConsumerTests
{
    private static Task<ModuleHost> Start(string? root = null) => ModuleHost.StartAsync(b => b.AddTrainer(), new Dictionary<string, string?>
    {
        ["Trainer:DataPath"] = "datasets/taxi",
        ["Trainer:SchemaPath"] = "datasets/taxi/schema.json",
        ["Trainer:Parameters:trees"] = "30",
    }, root);

    private static TrainingRequested Request(string reason = "manual") => new(NewId.NextGuid(), "taxi", reason, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Training_publishes_model_trained_with_metrics_lineage_and_a_package_that_reproduces_itself()
    {
        await using var host = await Start();
        Datasets.WriteTaxi(host.ArtifactRoot, "taxi", snapshots: 2, rows: 3000);
        var request = Request();

        await host.Bus.Publish(request);
        var trained = await Wait.Published<ModelTrained>(host.Harness);

        Assert.Equal((request.RequestId, "taxi"), (trained.RequestId, trained.Model));
        Assert.InRange(trained.Metrics.Auc, 0.7, 1);
        Assert.Equal(1200, trained.Metrics.HoldoutRows);
        Assert.Equal(["taxi-2026-01-01.csv", "taxi-2026-01-02.csv"], trained.Lineage.DatasetFiles);
        Assert.Equal(("manual", "LightGbm", 6000L), (trained.Lineage.Reason, trained.Lineage.Trainer, trained.Lineage.DatasetRows));
        Assert.Equal(["learningRate", "leaves", "minLeaf", "trees"], trained.Lineage.Parameters!.Keys.Where(k => k != "threads").Order(StringComparer.Ordinal));
        Assert.Null(trained.Champion);
        Assert.True(ModelPackage.Load(Path.Combine(host.ArtifactRoot, trained.PackageUri)).Verify().Passed);
        Assert.True(host.Harness.Published.Select<TrainingStarted>().Any());
    }

    [Fact]
    public async Task Invalid_data_gives_training_failed_with_every_validation_error()
    {
        await using var host = await Start();
        Datasets.WriteTaxi(host.ArtifactRoot, "taxi", snapshots: 1, rows: 200);
        var lines = File.ReadAllLines(Path.Combine(host.ArtifactRoot, "datasets/taxi/taxi-2026-01-01.csv")).ToList();
        lines[3] = lines[3].Replace("credit_card", "bitcoin").Replace("cash", "bitcoin");
        lines[5] = "13" + lines[5][lines[5].IndexOf(',')..];
        lines[8] = "x," + lines[8];
        File.WriteAllLines(Path.Combine(host.ArtifactRoot, "datasets/taxi/taxi-2026-01-02.csv"), lines);

        await host.Bus.Publish(Request());
        var failed = await Wait.Published<TrainingFailed>(host.Harness);

        Assert.Equal(3, failed.ErrorCount);
        Assert.Equal(3, failed.Errors.Count);
        Assert.Contains(failed.Errors, e => e.Contains("row 3, column 'payment_type'") && e.Contains("'bitcoin'"));
        Assert.Contains(failed.Errors, e => e.Contains("row 5, column 'trip_month': 13 is outside the allowed range [1, 12]"));
        Assert.Contains(failed.Errors, e => e.Contains("row 8: expected 10 fields, found 11"));
        Assert.False(host.Harness.Published.Select<ModelTrained>().Any());
    }

    [Fact]
    public async Task A_redelivered_request_publishes_the_same_result_without_training_again()
    {
        await using var host = await Start();
        Datasets.WriteTaxi(host.ArtifactRoot, "taxi", snapshots: 1, rows: 2000);
        var request = Request();

        await host.Bus.Publish(request);
        var first = await Wait.Published<ModelTrained>(host.Harness);
        await host.Bus.Publish(request);
        await Wait.Until(() => host.Harness.Published.Select<ModelTrained>().Count() == 2, "the redelivered request to publish its result again");

        var both = host.Harness.Published.Select<ModelTrained>().Select(m => m.Context.Message).ToList();
        Assert.Equal(first, both[1] with { Lineage = first.Lineage, Champion = first.Champion });
        Assert.Equal(first.Metrics, both[1].Metrics);
        Assert.Single(host.Harness.Published.Select<TrainingStarted>());
    }

    [Fact]
    public async Task A_challenger_is_compared_with_the_champion_on_its_own_holdout()
    {
        await using var host = await Start();
        Datasets.WriteTaxi(host.ArtifactRoot, "taxi", snapshots: 1, rows: 3000);
        await host.Bus.Publish(Request());
        var v1 = await Wait.Published<ModelTrained>(host.Harness);
        await host.Bus.Publish(new ModelPromoted("taxi", 1, v1.PackageUri, null, new GateVerdict(true, "first", v1.Metrics.Auc, null, null, 0.7, 0.005), DateTimeOffset.UtcNow));
        await Wait.Until(() => host.Harness.Consumed.Select<ModelPromoted>().Any(), "the Trainer to hear of the promotion");
        Datasets.WriteTaxi(host.ArtifactRoot, "taxi", snapshots: 3, rows: 3000, DriftScenario.AirportSurge, seed: 5, firstDay: 2);

        await host.Bus.Publish(Request("drift"));
        var v2 = await Wait.Published<ModelTrained>(host.Harness, m => m.RequestId != v1.RequestId);

        Assert.Equal(1, v2.Champion!.Version);
        Assert.Equal(1, v2.Lineage.ParentVersion);
        Assert.Equal(v2.Metrics.HoldoutRows, v2.Champion.Metrics.HoldoutRows);
        var champion = v2.Champion.Metrics.Confusion!;
        Assert.Equal(v2.Metrics.HoldoutRows, champion.TruePositives + champion.FalsePositives + champion.TrueNegatives + champion.FalseNegatives);
        Assert.Equal((0.0, 1.0), (v2.Champion.Metrics.Roc![0].TruePositiveRate, v2.Champion.Metrics.Roc[^1].TruePositiveRate));
        Assert.True(v2.Metrics.Auc > v2.Champion.Metrics.Auc + 0.05, $"{v2.Metrics.Auc} vs {v2.Champion.Metrics.Auc}");
    }

    [Fact]
    public async Task A_missing_dataset_is_a_training_failure_not_a_crash()
    {
        await using var host = await Start();

        await host.Bus.Publish(Request());
        var failed = await Wait.Published<TrainingFailed>(host.Harness);

        Assert.Contains("not found", failed.Errors.Single());
    }
}
