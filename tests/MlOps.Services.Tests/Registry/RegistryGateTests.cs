using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Contracts;
using MlOps.Registry;
using MlOps.Registry.Infrastructure;
using MlOps.Registry.Model;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.Registry;

/// <summary>The registry's rules, run on each database it supports.</summary>
public abstract class RegistryGateTests
{
    protected abstract Task<Dictionary<string, string?>> Database();

    private async Task<ModuleHost> Start()
    {
        var settings = await Database();
        settings["Registry:Gate:MinimumAuc"] = "0.7";
        settings["Registry:Gate:MinimumImprovement"] = "0.01";
        return await ModuleHost.StartAsync(b => b.AddRegistry(), settings);
    }

    internal static ModelTrained Trained(double auc, (int Version, double Auc)? champion = null, Guid? run = null) => new(
        run ?? Guid.NewGuid(),
        "taxi",
        $"packages/taxi/{Guid.NewGuid():N}",
        new ModelMetrics(auc, 0.8, 0.5, 0.6, 0.4, 0.4, 1000),
        champion is { } c ? new ChampionEvaluation(c.Version, "packages/taxi/champion", new ModelMetrics(c.Auc, 0.8, 0.5, 0.6, 0.4, 0.4, 1000)) : null,
        new Lineage("abc", ["a.csv"], 5000, "1.0.0+test", "FastTree", 42, "manual", null, champion?.Version),
        DateTimeOffset.UtcNow);

    private static async Task<object> Register(ModuleHost host, ModelTrained trained)
    {
        await host.Bus.Publish(trained);
        await Wait.Until(() => host.Harness.Consumed.Select<ModelTrained>(m => m.Context.Message.RequestId == trained.RequestId).Any()
            && (host.Harness.Published.Select<ModelPromoted>().Count() + host.Harness.Published.Select<ModelRejected>().Count()) >= host.Harness.Consumed.Select<ModelTrained>().Count(),
            "the registry's verdict");
        return host.Harness.Published.Select<ModelPromoted>().Select(m => (object)m.Context.Message)
            .Concat(host.Harness.Published.Select<ModelRejected>().Select(m => (object)m.Context.Message))
            .Last(m => m is ModelPromoted p ? p.Version == LatestVersion(host) : ((ModelRejected)m).Version == LatestVersion(host));
    }

    private static int LatestVersion(ModuleHost host)
    {
        using var scope = host.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Versions.Max(v => v.Version);
    }

    private static T Query<T>(ModuleHost host, Func<RegistryDbContext, T> query)
    {
        using var scope = host.Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }

    [Fact]
    public async Task The_first_version_above_the_minimum_is_promoted_and_becomes_champion()
    {
        await using var host = await Start();

        var outcome = await Register(host, Trained(0.82));

        var promoted = Assert.IsType<ModelPromoted>(outcome);
        Assert.Equal((1, (int?)null), (promoted.Version, promoted.PreviousVersion));
        Assert.Contains("first version", promoted.Verdict.Reason);
        Assert.Equal(1, Query(host, db => db.Aliases.Single(a => a.Name == ModelAlias.Champion).Version));
        Assert.Single(host.Harness.Published.Select<ModelVersionRegistered>());
    }

    [Fact]
    public async Task A_challenger_below_the_minimum_auc_is_rejected()
    {
        await using var host = await Start();

        var rejected = Assert.IsType<ModelRejected>(await Register(host, Trained(0.65)));

        Assert.Contains("below the minimum 0.7000", rejected.Verdict.Reason);
        Assert.Equal(VersionStatus.Rejected, Query(host, db => db.Versions.Single().Status));
        Assert.False(Query(host, db => db.Aliases.Any()));
    }

    [Fact]
    public async Task Registry_rejects_a_challenger_that_is_not_better_by_the_minimum_gain()
    {
        await using var host = await Start();
        await Register(host, Trained(0.82));

        var rejected = Assert.IsType<ModelRejected>(await Register(host, Trained(0.835, champion: (1, 0.83))));

        Assert.Contains("less than the required +0.0100", rejected.Verdict.Reason);
        Assert.Equal((0.835, 0.83, 1), (rejected.Verdict.ChallengerAuc, rejected.Verdict.ChampionAuc!.Value, rejected.Verdict.ChampionVersion!.Value));
        Assert.Equal(1, Query(host, db => db.Aliases.Single(a => a.Name == ModelAlias.Champion).Version));
    }

    [Fact]
    public async Task A_challenger_that_beats_the_champion_on_the_same_holdout_is_promoted_and_the_old_champion_retired()
    {
        await using var host = await Start();
        await Register(host, Trained(0.82));

        var promoted = Assert.IsType<ModelPromoted>(await Register(host, Trained(0.88, champion: (1, 0.75))));

        Assert.Equal((2, (int?)1), (promoted.Version, promoted.PreviousVersion));
        Assert.Contains("beats champion v1 by +0.1300", promoted.Verdict.Reason);
        Assert.Equal(VersionStatus.Retired, Query(host, db => db.Versions.Single(v => v.Version == 1).Status));
        var decision = Query(host, db => db.Decisions.Single(d => d.Version == 2));
        Assert.Equal((0.88, 0.75, 0.7, 0.01), (decision.ChallengerAuc, decision.ChampionAuc!.Value, decision.MinimumAuc, decision.MinimumImprovement));
        Assert.Equal(2, Query(host, db => db.AliasChanges.Count()));
    }

    [Fact]
    public async Task A_challenger_not_compared_with_the_current_champion_is_rejected()
    {
        await using var host = await Start();
        await Register(host, Trained(0.82));

        var unevaluated = Assert.IsType<ModelRejected>(await Register(host, Trained(0.95)));
        var stale = Assert.IsType<ModelRejected>(await Register(host, Trained(0.95, champion: (7, 0.5))));

        Assert.Contains("was not evaluated on the challenger's holdout", unevaluated.Verdict.Reason);
        Assert.Contains("compared with v7, but the champion is v1", stale.Verdict.Reason);
    }

    [Fact]
    public async Task A_duplicated_model_trained_creates_one_version_and_republishes_the_same_verdict()
    {
        await using var host = await Start();
        var trained = Trained(0.82);

        await host.Bus.Publish(trained);
        await host.Bus.Publish(trained);
        await Wait.Until(() => host.Harness.Published.Select<ModelPromoted>().Count() == 2, "both deliveries to publish a verdict");

        Assert.Equal(1, Query(host, db => db.Versions.Count()));
        var verdicts = host.Harness.Published.Select<ModelPromoted>().Select(m => m.Context.Message).ToList();
        Assert.Equal(verdicts[0], verdicts[1]);
        Assert.Equal(2, host.Harness.Published.Select<ModelVersionRegistered>().Count());
        Assert.Single(host.Harness.Published.Select<ModelVersionRegistered>().Select(m => m.Context.Message).Distinct());
    }

    [Fact]
    public async Task A_rolled_back_deployment_restores_the_previous_champion()
    {
        await using var host = await Start();
        await Register(host, Trained(0.82));
        await Register(host, Trained(0.9, champion: (1, 0.8)));

        await host.Bus.Publish(new DeploymentRolledBack(Guid.NewGuid(), "taxi", 2, 1, "canary error rate 40% over 50 predictions exceeds 5%", DateTimeOffset.UtcNow));
        await Wait.Until(() => Query(host, db => db.Versions.Single(v => v.Version == 2).Status) == VersionStatus.RolledBack, "the rollback to be recorded");

        Assert.Equal(1, Query(host, db => db.Aliases.Single(a => a.Name == ModelAlias.Champion).Version));
        Assert.Equal(VersionStatus.Champion, Query(host, db => db.Versions.Single(v => v.Version == 1).Status));
        Assert.Contains("rolled back", Query(host, db => db.AliasChanges.OrderBy(c => c.Id).Last().Reason));
    }

    [Fact]
    public async Task Training_failures_are_recorded_once()
    {
        await using var host = await Start();
        var failed = new TrainingFailed(Guid.NewGuid(), "taxi", "drift", ["row 3: bad", "row 4: bad"], 2, DateTimeOffset.UtcNow);

        await host.Bus.Publish(failed);
        await host.Bus.Publish(failed);
        await Wait.Until(() => host.Harness.Consumed.Select<TrainingFailed>().Count() == 2, "both deliveries");

        Assert.Equal(2, Query(host, db => db.Failures.Single().ErrorCount));
    }
}

public sealed class SqliteRegistryGateTests : RegistryGateTests
{
    protected override Task<Dictionary<string, string?>> Database() => Task.FromResult(new Dictionary<string, string?>());
}

public sealed class PostgresRegistryGateTests : RegistryGateTests
{
    protected override async Task<Dictionary<string, string?>> Database() => new()
    {
        ["Registry:Database:Provider"] = "PostgreSQL",
        ["ConnectionStrings:Registry"] = await PostgresDatabase.CreateAsync(),
    };
}
