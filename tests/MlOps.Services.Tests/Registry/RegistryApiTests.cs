using System.Net.Http.Json;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Registry;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.Registry;

/// <summary>What the Registry's HTTP API gives back of what it was told, on each database it supports.</summary>
public abstract class RegistryApiTests
{
    private static readonly ConfusionMatrix ChallengerConfusion = new(310, 45, 590, 55);
    private static readonly ConfusionMatrix ChampionConfusion = new(280, 70, 565, 85);

    protected abstract Task<Dictionary<string, string?>> Database();

    private async Task<WebModuleHost> Start() => await WebModuleHost.StartAsync(b => b.AddRegistry(), a => a.MapRegistry(), await Database());

    private static readonly Dictionary<string, double> Parameters = new() { ["trees"] = 100, ["leaves"] = 20, ["minLeaf"] = 10, ["learningRate"] = 0.2 };

    private static List<RocPoint> Roc(double bend) =>
        [.. Enumerable.Range(0, 64).Select(i => i / 63.0).Select(x => new RocPoint(x, Math.Pow(x, bend), 1 - x))];

    private static ModelTrained Trained(double auc, ModelMetrics? champion = null) => new(
        Guid.NewGuid(),
        "taxi",
        $"packages/taxi/{Guid.NewGuid():N}",
        new ModelMetrics(auc, 0.9, 0.87, 0.873, 0.849, 0.31, 1000, ChallengerConfusion, Roc(0.25)),
        champion is null ? null : new ChampionEvaluation(1, "packages/taxi/champion", champion),
        new Lineage("abc", ["a.csv"], 5000, "1.0.0+test", "FastTree", 42, "manual", null, champion is null ? null : 1, Parameters),
        DateTimeOffset.UtcNow);

    private static async Task Register(WebModuleHost host, ModelTrained trained) =>
        await Wait.Published<ModelVersionRegistered>(host.Harness, m => m.RequestId == trained.RequestId, what: $"request {trained.RequestId} to be registered");

    private static async Task<List<FailureView>> Failures(WebModuleHost host) =>
        (await host.Http.GetFromJsonAsync<List<FailureView>>("/api/models/taxi/failures", ApiJson.Options))!;

    [Fact]
    public async Task A_version_gives_back_its_confusion_matrix_and_roc_curve_from_the_list_and_by_number()
    {
        await using var host = await Start();
        var trained = Trained(0.9);

        await host.Bus.Publish(trained);
        await Register(host, trained);
        var listed = await host.Http.GetFromJsonAsync<List<VersionView>>("/api/models/taxi/versions", ApiJson.Options);
        var one = await host.Http.GetFromJsonAsync<VersionView>("/api/models/taxi/versions/1", ApiJson.Options);

        Assert.Equal(trained.Metrics, Assert.Single(listed!).Metrics);
        Assert.Equal(trained.Metrics, one!.Metrics);
        Assert.Equal(ChallengerConfusion, one.Metrics.Confusion);
        Assert.Equal(64, one.Metrics.Roc!.Count);
        Assert.Equal(Parameters, one.Lineage.Parameters);
    }

    [Fact]
    public async Task A_decision_gives_both_models_metrics_on_the_same_holdout_as_the_gate_saw_them()
    {
        await using var host = await Start();
        var first = Trained(0.8);
        var champion = new ModelMetrics(0.78, 0.845, 0.78, 0.8, 0.767, 0.4, 1000, ChampionConfusion, Roc(0.4));
        var challenger = Trained(0.9, champion);

        await host.Bus.Publish(first);
        await Register(host, first);
        await host.Bus.Publish(challenger);
        await Register(host, challenger);
        var decisions = (await host.Http.GetFromJsonAsync<List<DecisionView>>("/api/models/taxi/decisions", ApiJson.Options))!;

        Assert.Equal([2, 1], decisions.Select(d => d.Version));
        var second = decisions[0];
        Assert.True(second.Promoted, second.Reason);
        Assert.Equal(challenger.Metrics, second.Challenger);
        Assert.Equal(champion, second.Champion);
        Assert.Equal((second.ChallengerAuc, second.ChampionAuc), (second.Challenger!.Auc, (double?)second.Champion!.Auc));
        Assert.Equal((first.Metrics, (ModelMetrics?)null), (decisions[1].Challenger!, decisions[1].Champion));
    }

    [Fact]
    public async Task A_version_reported_without_a_confusion_matrix_or_roc_curve_gives_back_none()
    {
        await using var host = await Start();
        var trained = Trained(0.9) with { Metrics = new ModelMetrics(0.9, 0.8, 0.5, 0.6, 0.4, 0.4, 1000) };

        await host.Bus.Publish(trained);
        await Register(host, trained);
        var one = await host.Http.GetFromJsonAsync<VersionView>("/api/models/taxi/versions/1", ApiJson.Options);

        Assert.Equal(trained.Metrics, one!.Metrics);
        Assert.Equal((null, null), (one.Metrics.Confusion, one.Metrics.Roc));
    }

    [Fact]
    public async Task A_failure_keeps_every_one_of_its_errors()
    {
        await using var host = await Start();
        var errors = Enumerable.Range(1, 1500).Select(row => $"taxi-2026-01-02.csv, row {row}, column 'trip_month': 13 is outside the allowed range [1, 12]").ToList();
        var failed = new TrainingFailed(Guid.NewGuid(), "taxi", "manual", errors, 1500, DateTimeOffset.UtcNow);

        await host.Bus.Publish(failed);
        await Wait.Until(async () => (await Failures(host)).Count == 1, "the failure to be recorded");
        var failure = Assert.Single(await Failures(host));

        Assert.Equal(1500, failure.ErrorCount);
        Assert.Equal(errors, failure.Errors);
    }
}

public sealed class SqliteRegistryApiTests : RegistryApiTests
{
    protected override Task<Dictionary<string, string?>> Database() => Task.FromResult(new Dictionary<string, string?>());
}

public sealed class PostgresRegistryApiTests : RegistryApiTests
{
    protected override async Task<Dictionary<string, string?>> Database() => new()
    {
        ["Registry:Database:Provider"] = "PostgreSQL",
        ["ConnectionStrings:Registry"] = await PostgresDatabase.CreateAsync(),
    };
}
