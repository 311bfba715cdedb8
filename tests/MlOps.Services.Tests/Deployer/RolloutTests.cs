using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Contracts.Fleet;
using MlOps.Deployer;
using MlOps.Predictor;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.Deployer;

public sealed class RolloutTests
{
    private static async Task<WebModuleHost> Start(string strategy, int healthy = 30, int timeoutSeconds = 120, Dictionary<string, string?>? settings = null)
    {
        var port = LoopbackPort.Free();
        var configuration = new Dictionary<string, string?>
        {
            [PredictorExtensions.DeployerUrlKey] = $"http://127.0.0.1:{port}",
            ["Predictor:Fleet:ReportMilliseconds"] = "100",
            ["Predictor:Fleet:WaitSeconds"] = "2",
            ["Deployer:Strategy"] = strategy,
            ["Deployer:Canary:TrafficPercent"] = "30",
            ["Deployer:Canary:HealthyPredictions"] = healthy.ToString(),
            ["Deployer:Canary:MinimumForRollback"] = "10",
            ["Deployer:Canary:TimeoutSeconds"] = timeoutSeconds.ToString(),
            ["Deployer:PollMilliseconds"] = "50",
            ["Predictor:PublishLogs"] = "false",
        };
        foreach (var (key, value) in settings ?? [])
        {
            configuration[key] = value;
        }

        return await WebModuleHost.StartAsync(b => b.AddPredictor().AddDeployer(), a => a.MapPredictor().MapDeployer(), configuration, port: port);
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

    private static async Task<WebModuleHost> WithV1(string strategy, int healthy = 30, int timeoutSeconds = 120, Dictionary<string, string?>? settings = null)
    {
        var host = await Start(strategy, healthy, timeoutSeconds, settings);
        await host.Bus.Publish(Promoted(1, Packages.WriteStable(host.ArtifactRoot)));
        await Wait.Published<DeploymentCompleted>(host.Harness, d => d.Version == 1, what: "v1 deployed");
        return host;
    }

    private static async Task<List<HttpStatusCode>> Traffic(WebModuleHost host, Func<bool> until, bool missingDistance = false, int instances = 1)
    {
        var statuses = new List<HttpStatusCode>();
        var trips = new MlOps.Core.Synthetic.TaxiTripGenerator(11).Generate(5000).ToArray();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        for (var i = 0; !until() && DateTime.UtcNow < deadline; i++)
        {
            var first = i * 8;
            var batch = await Task.WhenAll(Enumerable.Range(0, 8).Select(k => host.Http.Predict(instances == 1
                ? Requests.Positional(trips[(first + k) % trips.Length], missingDistance)
                : Requests.Batch(Enumerable.Range(0, instances).Select(j => trips[((first + k) * instances + j) % trips.Length])))));
            statuses.AddRange(batch.Select(r => r.StatusCode));
        }

        return statuses;
    }

    // The outcome is announced before it is recorded (a crash between the two repeats the announcement rather than losing it), so wait for the record.
    private static async Task<DeploymentView> Deployment(WebModuleHost host, int version)
    {
        async Task<DeploymentView> Read() => (await host.Http.GetFromJsonAsync<List<DeploymentView>>("/api/deployments?model=taxi", ApiJson.Options))!.Single(d => d.Version == version);
        await Wait.Until(async () => (await Read()).FinishedAt is not null, $"v{version}'s rollout to be recorded as finished");
        return await Read();
    }

    private static bool Decided(WebModuleHost host) =>
        host.Harness.Published.Select<DeploymentRolledBack>().Any() || host.Harness.Published.Select<DeploymentCompleted>(d => d.Context.Message.Version == 2).Any();

    [Fact]
    public async Task The_first_version_is_deployed_immediately_even_under_the_canary_strategy()
    {
        await using var host = await WithV1("canary");

        var started = await Wait.Published<DeploymentStarted>(host.Harness);
        var completed = await Wait.Published<DeploymentCompleted>(host.Harness);
        Assert.Equal(("immediate", (int?)null), (started.Strategy, started.StableVersion));
        Assert.Equal("immediate", completed.Strategy);
        await UntilSplit(host, new Dictionary<int, int> { [1] = 100 });
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
        await UntilSplit(host, new Dictionary<int, int> { [1] = 100 });
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
        await UntilSplit(host, new Dictionary<int, int> { [1] = 100 });
    }

    [Fact]
    public async Task A_canary_without_enough_traffic_is_rolled_back_at_its_timeout()
    {
        await using var host = await WithV1("canary", healthy: 30, timeoutSeconds: 1);

        await host.Bus.Publish(Promoted(2, Packages.WriteSurge(host.ArtifactRoot)));
        var rolledBack = await Wait.Published<DeploymentRolledBack>(host.Harness);

        Assert.Contains("healthy canary predictions in 1 s", rolledBack.Reason);
        await UntilSplit(host, new Dictionary<int, int> { [1] = 100 });
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task A_redelivered_promotion_deploys_once_and_history_is_kept(string provider)
    {
        var database = provider == "PostgreSQL"
            ? new Dictionary<string, string?> { ["Deployer:Database:Provider"] = provider, ["ConnectionStrings:Deployments"] = await PostgresDatabase.CreateAsync() }
            : null;
        await using var host = await Start("immediate", settings: database);
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
        await UntilSplit(host, new Dictionary<int, int> { [1] = 100 });
    }

    [Fact]
    public async Task A_rollback_by_hand_of_the_first_version_is_refused_and_changes_nothing()
    {
        await using var host = await WithV1("immediate");

        using var response = await host.Http.PostAsync("/api/deployments/taxi/rollback", Requests.Json("{}"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("nothing to roll back to", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await UntilSplit(host, new Dictionary<int, int> { [1] = 100 });
    }

    [Fact]
    public async Task A_canary_much_slower_than_the_stable_version_is_rolled_back_on_latency()
    {
        await using var host = await WithV1("canary", healthy: 2000, settings: new()
        {
            ["Deployer:Canary:MinLatencyGapMs"] = "1",
            ["Deployer:Canary:MinimumForLatency"] = "60",
            ["Deployer:Canary:MaxScoreDivergence"] = "1", // its scores differ too (Jensen-Shannon about 0.23): judge latency alone
        });

        await host.Bus.Publish(Promoted(2, Packages.WriteSlow(host.ArtifactRoot)));
        await Wait.Published<DeploymentStarted>(host.Harness, d => d.Version == 2);
        await UntilSplit(host, new Dictionary<int, int> { [1] = 70, [2] = 30 });
        var statuses = await Traffic(host, () => Decided(host), instances: 100);

        var rolledBack = await Wait.Published<DeploymentRolledBack>(host.Harness, what: "the slow canary to be rolled back");
        var deployment = await Deployment(host, 2);
        Assert.Equal(("RolledBack", "latency"), (deployment.State, deployment.Signal));
        Assert.Contains("canary p99 latency", rolledBack.Reason, StringComparison.Ordinal);
        Assert.True(deployment.CanaryP99Ms > 2 * deployment.StableP99Ms, $"p99 {deployment.CanaryP99Ms} ms vs {deployment.StableP99Ms} ms");
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        await UntilSplit(host, new Dictionary<int, int> { [1] = 100 });
    }

    [Fact]
    public async Task A_canary_whose_scores_diverge_from_the_stable_versions_is_rolled_back()
    {
        await using var host = await WithV1("canary", healthy: 2000, settings: new() { ["Deployer:Canary:MinimumForDivergence"] = "300" });

        await host.Bus.Publish(Promoted(2, Packages.WriteInverted(host.ArtifactRoot)));
        await Wait.Published<DeploymentStarted>(host.Harness, d => d.Version == 2);
        await UntilSplit(host, new Dictionary<int, int> { [1] = 70, [2] = 30 });
        var statuses = await Traffic(host, () => Decided(host), instances: 8);

        var rolledBack = await Wait.Published<DeploymentRolledBack>(host.Harness, what: "the diverging canary to be rolled back");
        var deployment = await Deployment(host, 2);
        Assert.Equal(("RolledBack", "score-divergence"), (deployment.State, deployment.Signal));
        Assert.Contains("Jensen-Shannon", rolledBack.Reason, StringComparison.Ordinal);
        Assert.InRange(deployment.ScoreDivergence!.Value, 0.25, 1);
        Assert.Equal(0, deployment.CanaryErrors);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        await UntilSplit(host, new Dictionary<int, int> { [1] = 100 });
    }

    [Fact]
    public async Task A_shadow_that_agrees_with_the_served_version_is_promoted_without_ever_answering()
    {
        await using var host = await WithV1("shadow", settings: new() { ["Deployer:Shadow:Comparisons"] = "400" });

        await host.Bus.Publish(Promoted(2, Packages.WriteSurge(host.ArtifactRoot)));
        await Wait.Published<DeploymentStarted>(host.Harness, d => d.Version == 2);
        await Wait.Until(async () => (await host.Http.GetFromJsonAsync<EndpointView>("/admin/endpoints/taxi", ApiJson.Options))!.Shadow is not null, "the shadow to be loaded");
        var shadowing = (await host.Http.GetFromJsonAsync<EndpointView>("/admin/endpoints/taxi", ApiJson.Options))!;
        var statuses = await Traffic(host, () => Decided(host), instances: 8);

        var completed = await Wait.Published<DeploymentCompleted>(host.Harness, d => d.Version == 2, what: "the shadow to be promoted");
        var deployment = await Deployment(host, 2);
        Assert.Equal("shadow", completed.Strategy);
        Assert.Equal(("Completed", "agreement"), (deployment.State, deployment.Signal));
        Assert.Equal(2, shadowing.Shadow!.Version);
        Assert.Equal([1], shadowing.Versions.Select(v => v.Version));
        Assert.True(deployment.ShadowCompared >= 400, $"{deployment.ShadowCompared} compared");
        Assert.InRange((double)deployment.ShadowAgreed / deployment.ShadowCompared, 0.6, 1);
        Assert.InRange(deployment.ScoreDivergence!.Value, 0, 0.25);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        await UntilSplit(host, new Dictionary<int, int> { [2] = 100 });
    }

    [Fact]
    public async Task A_shadow_that_disagrees_with_the_served_version_is_rejected_and_never_answers()
    {
        await using var host = await WithV1("shadow", settings: new() { ["Deployer:Shadow:Comparisons"] = "400" });

        await host.Bus.Publish(Promoted(2, Packages.WriteInverted(host.ArtifactRoot)));
        await Wait.Published<DeploymentStarted>(host.Harness, d => d.Version == 2);
        var statuses = await Traffic(host, () => Decided(host), instances: 8);

        var rolledBack = await Wait.Published<DeploymentRolledBack>(host.Harness, what: "the shadow to be rejected");
        var deployment = await Deployment(host, 2);
        Assert.Equal(("RolledBack", "disagreement"), (deployment.State, deployment.Signal));
        Assert.Contains("the shadow agrees with v1", rolledBack.Reason, StringComparison.Ordinal);
        Assert.InRange((double)deployment.ShadowAgreed / deployment.ShadowCompared, 0, 0.6);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(new Dictionary<int, int> { [1] = 100 }, await Split(host));
    }

    [Fact]
    public async Task Replicas_are_listed_with_their_identity_liveness_and_what_they_serve()
    {
        await using var host = await WithV1("immediate");
        var sent = 0;
        await Traffic(host, () => ++sent > 3);

        await Wait.Until(async () => (await host.Http.GetFromJsonAsync<List<ReplicaView>>("/api/fleet/replicas", ApiJson.Options))!.Any(r => r.Versions.Any(v => v.Requests > 0)), "the replica to report its traffic");
        var replicas = (await host.Http.GetFromJsonAsync<List<ReplicaView>>("/api/fleet/replicas", ApiJson.Options))!;
        var fleet = (await host.Http.GetFromJsonAsync<DesiredState>("/api/fleet/desired", ApiJson.Options))!;

        var replica = Assert.Single(replicas);
        Assert.True(replica.Live);
        Assert.Equal(fleet.Revision, replica.Revision);
        Assert.Equal(Environment.MachineName, replica.Host);
        Assert.True(replica.StartedAt <= replica.LastSeen);
        var served = Assert.Single(replica.Versions);
        Assert.Equal((1, fleet.Models.Single().Generation), (served.Version, served.Generation));
        Assert.Equal(FleetHistograms.LatencyBuckets, served.Latency.Count);
        Assert.Equal(served.Instances, served.Scores.Sum());
    }
}
