using System.Net;
using System.Text.Json;
using MlOps.Contracts;
using MlOps.Deployer;
using MlOps.Predictor;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.Deployer;

public sealed class RolloutTests
{
    private static async Task<WebModuleHost> Start(string strategy, int healthy = 30, int timeoutSeconds = 120, Dictionary<string, string?>? database = null)
    {
        var port = LoopbackPort.Free();
        return await WebModuleHost.StartAsync(
            b => b.AddPredictor().AddDeployer(),
            a => a.MapPredictor().MapDeployer(),
            new Dictionary<string, string?>(database ?? [])
            {
                [DeployerExtensions.PredictorUrlKey] = $"http://127.0.0.1:{port}",
                ["Deployer:Strategy"] = strategy,
                ["Deployer:Canary:TrafficPercent"] = "30",
                ["Deployer:Canary:HealthyPredictions"] = healthy.ToString(),
                ["Deployer:Canary:MinimumForRollback"] = "10",
                ["Deployer:Canary:TimeoutSeconds"] = timeoutSeconds.ToString(),
                ["Deployer:PollMilliseconds"] = "50",
                ["Predictor:PublishLogs"] = "false",
            },
            port: port);
    }

    private static ModelPromoted Promoted(int version, string uri) =>
        new("taxi", version, uri, version - 1, new GateVerdict(true, "test", 0.9, null, null, 0.7, 0.005), DateTimeOffset.UtcNow);

    private static async Task<Dictionary<int, int>> Split(WebModuleHost host)
    {
        var body = JsonDocument.Parse(await host.Http.GetStringAsync("/admin/endpoints/taxi")).RootElement;
        return body.GetProperty("versions").EnumerateArray().ToDictionary(v => v.GetProperty("version").GetInt32(), v => v.GetProperty("percent").GetInt32());
    }

    private static async Task UntilSplit(WebModuleHost host, Dictionary<int, int> expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        Dictionary<int, int> actual;
        while (!(actual = await Split(host)).OrderBy(kv => kv.Key).SequenceEqual(expected.OrderBy(kv => kv.Key)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited 30 s for the split {string.Join(", ", expected)}; it is {string.Join(", ", actual)}");
            await Task.Delay(50);
        }
    }

    private static async Task<WebModuleHost> WithV1(string strategy, int healthy = 30, int timeoutSeconds = 120)
    {
        var host = await Start(strategy, healthy, timeoutSeconds);
        await host.Bus.Publish(Promoted(1, Packages.WriteStable(host.ArtifactRoot)));
        await Wait.Published<DeploymentCompleted>(host.Harness, d => d.Version == 1, what: "v1 deployed");
        return host;
    }

    private static async Task<List<HttpStatusCode>> Traffic(WebModuleHost host, Func<bool> until, bool missingDistance = false)
    {
        var statuses = new List<HttpStatusCode>();
        var trips = new MlOps.Core.Synthetic.TaxiTripGenerator(11).Generate(5000).ToArray();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        for (var i = 0; !until() && DateTime.UtcNow < deadline; i++)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, 8).Select(k => host.Http.Predict(Requests.Positional(trips[(i * 8 + k) % trips.Length], missingDistance))));
            statuses.AddRange(batch.Select(r => r.StatusCode));
        }

        return statuses;
    }

    [Fact]
    public async Task The_first_version_is_deployed_immediately_even_under_the_canary_strategy()
    {
        await using var host = await WithV1("canary");

        var started = await Wait.Published<DeploymentStarted>(host.Harness);
        var completed = await Wait.Published<DeploymentCompleted>(host.Harness);
        Assert.Equal(("immediate", (int?)null), (started.Strategy, started.StableVersion));
        Assert.Equal("immediate", completed.Strategy);
        Assert.Equal(new Dictionary<int, int> { [1] = 100 }, await Split(host));
    }

    [Fact]
    public async Task The_deployer_uses_the_admin_token_the_predictor_requires()
    {
        await using var host = await Start("immediate", database: new Dictionary<string, string?>
        {
            ["Predictor:AdminToken"] = "shared-secret",
            ["Deployer:PredictorAdminToken"] = "shared-secret",
        });

        await host.Bus.Publish(Promoted(1, Packages.WriteStable(host.ArtifactRoot)));

        Assert.Equal(1, (await Wait.Published<DeploymentCompleted>(host.Harness)).Version);
    }

    [Fact]
    public async Task An_immediate_rollout_switches_all_traffic_at_once()
    {
        await using var host = await WithV1("immediate");

        await host.Bus.Publish(Promoted(2, Packages.WriteSurge(host.ArtifactRoot)));
        var completed = await Wait.Published<DeploymentCompleted>(host.Harness, d => d.Version == 2);

        Assert.Equal("immediate", completed.Strategy);
        Assert.Equal(new Dictionary<int, int> { [2] = 100 }, await Split(host));
    }

    [Fact]
    public async Task A_healthy_canary_is_promoted_after_enough_good_predictions()
    {
        await using var host = await WithV1("canary", healthy: 30);

        await host.Bus.Publish(Promoted(2, Packages.WriteSurge(host.ArtifactRoot)));
        var started = await Wait.Published<DeploymentStarted>(host.Harness, d => d.Version == 2);
        await UntilSplit(host, new Dictionary<int, int> { [1] = 70, [2] = 30 });
        var statuses = await Traffic(host, () => host.Harness.Published.Select<DeploymentCompleted>(d => d.Context.Message.Version == 2).Any());

        await Wait.Published<DeploymentCompleted>(host.Harness, d => d.Version == 2, what: "the canary to be promoted");
        Assert.Equal(("canary", (int?)1), (started.Strategy, started.StableVersion));
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(new Dictionary<int, int> { [2] = 100 }, await Split(host));
    }

    [Fact]
    public async Task A_canary_that_fails_on_live_traffic_is_rolled_back_and_no_request_fails()
    {
        await using var host = await WithV1("canary", healthy: 500);

        await host.Bus.Publish(Promoted(2, FragileModel.Write(host.ArtifactRoot, "fragile")));
        await Wait.Published<DeploymentStarted>(host.Harness, d => d.Version == 2);
        var statuses = await Traffic(host, () => host.Harness.Published.Select<DeploymentRolledBack>().Any(), missingDistance: true);

        var rolledBack = await Wait.Published<DeploymentRolledBack>(host.Harness, what: "the failing canary to be rolled back");
        Assert.Equal((2, (int?)1), (rolledBack.Version, rolledBack.RestoredVersion));
        Assert.Contains("canary error rate", rolledBack.Reason);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(new Dictionary<int, int> { [1] = 100 }, await Split(host));
        Assert.False(host.Harness.Published.Select<DeploymentCompleted>(d => d.Context.Message.Version == 2).Any());
    }

    [Fact]
    public async Task A_version_the_predictor_refuses_never_takes_traffic_and_is_rolled_back()
    {
        await using var host = await WithV1("canary");
        var broken = Packages.WriteSurge(host.ArtifactRoot, "broken");
        File.Delete(Path.Combine(host.ArtifactRoot, broken, "model.zip"));

        await host.Bus.Publish(Promoted(2, broken));
        var rolledBack = await Wait.Published<DeploymentRolledBack>(host.Harness);

        Assert.Contains("v2 could not be loaded", rolledBack.Reason);
        Assert.Equal(new Dictionary<int, int> { [1] = 100 }, await Split(host));
    }

    [Fact]
    public async Task A_canary_without_enough_traffic_is_rolled_back_at_its_timeout()
    {
        await using var host = await WithV1("canary", healthy: 30, timeoutSeconds: 1);

        await host.Bus.Publish(Promoted(2, Packages.WriteSurge(host.ArtifactRoot)));
        var rolledBack = await Wait.Published<DeploymentRolledBack>(host.Harness);

        Assert.Contains("healthy canary predictions in 1 s", rolledBack.Reason);
        Assert.Equal(new Dictionary<int, int> { [1] = 100 }, await Split(host));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task A_redelivered_promotion_deploys_once_and_history_is_kept(string provider)
    {
        var database = provider == "PostgreSQL"
            ? new Dictionary<string, string?> { ["Deployer:Database:Provider"] = provider, ["ConnectionStrings:Deployments"] = await PostgresDatabase.CreateAsync() }
            : null;
        await using var host = await Start("immediate", database: database);
        var promoted = Promoted(1, Packages.WriteStable(host.ArtifactRoot));

        await host.Bus.Publish(promoted);
        await host.Bus.Publish(promoted);
        await Wait.Published<DeploymentCompleted>(host.Harness);
        await Wait.Until(() => host.Harness.Consumed.Select<ModelPromoted>().Count() == 2, "both deliveries");
        await Task.Delay(300);

        Assert.Single(host.Harness.Published.Select<DeploymentStarted>());
        var history = JsonDocument.Parse(await host.Http.GetStringAsync("/api/deployments?model=taxi")).RootElement;
        Assert.Equal(1, history.GetArrayLength());
        Assert.Equal("Completed", history[0].GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/api/deployments/current/taxi")).StatusCode);
    }

    [Fact]
    public async Task A_rollback_by_hand_gives_all_traffic_back_to_the_version_it_replaced()
    {
        await using var host = await WithV1("immediate");
        await host.Bus.Publish(Promoted(2, Packages.WriteSurge(host.ArtifactRoot)));
        await Wait.Published<DeploymentCompleted>(host.Harness, d => d.Version == 2, what: "v2 deployed");

        using var response = await host.Http.PostAsync("/api/deployments/taxi/rollback", Requests.Json("""{"reason":"bad answers"}"""));
        var rolledBack = await Wait.Published<DeploymentRolledBack>(host.Harness, d => d.Version == 2, what: "v2 rolled back");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, rolledBack.RestoredVersion);
        Assert.Contains("bad answers", rolledBack.Reason, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<int, int> { [1] = 100 }, await Split(host));
    }

    [Fact]
    public async Task A_rollback_by_hand_of_the_first_version_is_refused_and_changes_nothing()
    {
        await using var host = await WithV1("immediate");

        using var response = await host.Http.PostAsync("/api/deployments/taxi/rollback", Requests.Json("{}"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("nothing to roll back to", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(new Dictionary<int, int> { [1] = 100 }, await Split(host));
    }
}
