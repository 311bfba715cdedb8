using System.Diagnostics;
using System.Net.Http.Json;
using MlOps.Contracts.Api;
using Xunit.Abstractions;

namespace MlOps.Loop.Tests.Fleet;

/// <summary>
/// The Predictor as a fleet of disposable replicas following the Deployer: separate processes over
/// Pub/Sub, a real reverse proxy in front, replicas killed and started under load.
/// </summary>
public sealed class FleetTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_canary_is_promoted_across_three_replicas_behind_a_front_while_one_is_killed_and_replaced_under_load()
    {
        await using var rig = await FleetRig.StartAsync(new()
        {
            ["Deployer__Strategy"] = "canary",
            ["Deployer__Canary__TrafficPercent"] = "30",
            ["Deployer__Canary__HealthyPredictions"] = "1500",
            ["Deployer__Canary__MinimumForRollback"] = "50",
            ["Deployer__Canary__TimeoutSeconds"] = "300",
            ["Deployer__Fleet__LiveSeconds"] = "3",
            ["Deployer__PollMilliseconds"] = "100",
        });
        foreach (var name in new[] { "p1", "p2", "p3" })
        {
            await rig.StartReplicaAsync(name);
        }

        await rig.PromoteAsync(1, Packages.WriteStable(rig.Artifacts));
        var v1 = await rig.UntilDeploymentAsync(1, d => d.State == "Completed", "v1 to be deployed");
        await using var load = new SteadyLoad(rig.Front.Url, FleetRig.Model, clients: 8, requestsPerSecond: 300);

        // The canary takes 30% on every replica.
        await rig.PromoteAsync(2, Packages.WriteSurge(rig.Artifacts));
        var canary = await rig.UntilDeploymentAsync(2, d => d.State == "Canary", "the v2 canary to start");
        await rig.UntilAsync(async () => (await Task.WhenAll(new[] { "p1", "p2", "p3" }.Select(r => rig.ServesAsync(r, canary.Generation)))).All(s => s), "every replica to serve the canary split");
        await rig.UntilAsync(() => Task.FromResult(rig.Front.Forwarded > 200), "traffic through the front");

        // One replica dies mid-canary (SIGKILL, no draining) and a fresh one takes its place.
        var inFlightAtKill = rig.Front.Find("p2")!.InFlight;
        rig.KillReplica("p2");
        var killed = Stopwatch.GetTimestamp();
        var stillCanary = (await rig.DeploymentAsync(2))!;
        var (alive, started) = await rig.StartReplicaAsync("p4");
        var replacementStatus = await rig.StatusOfAsync("p4");
        var replacementSplit = await rig.EndpointOfAsync("p4");

        var promoted = await rig.UntilDeploymentAsync(2, d => d.State is "Completed" or "RolledBack", "the canary's verdict", TimeSpan.FromSeconds(180));
        await rig.UntilAsync(async () => (await Task.WhenAll(new[] { "p1", "p3", "p4" }.Select(r => rig.ServesAsync(r, promoted.Generation)))).All(s => s), "every live replica to serve v2 alone");
        await Task.Delay(500);
        await load.StopAsync();
        await rig.UntilAsync(async () => (await rig.FleetReplicasAsync()).Any(r => r.ReplicaId == "p2" && !r.Live), "the killed replica to drop out of the live fleet");
        var fleet = await rig.FleetReplicasAsync();

        var failures = rig.Front.Failures;
        output.WriteLine($"requests through the front: {load.Ok + load.Failed} ({load.Ok} OK, {load.Failed} failed); in flight on p2 when killed: {inFlightAtKill}; front failures: {failures.Count}, all on p2: {failures.All(f => f.Replica == "p2")}; refused connections retried elsewhere: {rig.Front.Find("p2")!.Refused}");
        output.WriteLine($"replacement p4: /alive {alive.TotalMilliseconds:F0} ms after launch, started (desired state applied) {started.TotalMilliseconds:F0} ms after launch, {(started - alive).TotalMilliseconds:F0} ms after /alive; applied {(replacementStatus.AppliedAt - replacementStatus.StartedAt)?.TotalMilliseconds:F0} ms after its process started");
        output.WriteLine($"canary: {promoted.CanaryRequests} requests, {promoted.CanaryErrors} errors, p99 {promoted.CanaryP99Ms} ms vs {promoted.StableP99Ms} ms, divergence {promoted.ScoreDivergence:F3}, signal {promoted.Signal}");

        Assert.Equal("Completed", v1.State);
        Assert.True(promoted.State == "Completed", $"the canary was {promoted.State}: {promoted.Reason}\n{rig.Outputs()}");
        Assert.Equal((canary.Id, "Canary"), (stillCanary.Id, stillCanary.State));
        Assert.Equal(canary.Generation, replacementStatus.Generations[FleetRig.Model]);
        Assert.Equal([(1, 70), (2, 30)], replacementSplit.Versions.Select(v => (v.Version, v.Percent)).OrderBy(v => v.Version));
        Assert.True(replacementStatus.AppliedAt is not null && started >= alive, "p4 reported started before it applied the desired state");
        Assert.All(failures, f => Assert.True(f.Replica == "p2" && f.StartedAt <= killed, $"a request failed that was not in flight on the killed replica: {f}"));
        Assert.Equal(failures.Count, load.Failed);
        Assert.True(load.Ok > 1000, $"only {load.Ok} requests answered");
        Assert.Equal(["p1", "p3", "p4"], fleet.Where(r => r.Live).Select(r => r.ReplicaId).Order());
        Assert.All(fleet.Where(r => r.Live), r => Assert.Equal(promoted.Generation, r.Versions.Single().Generation));
    }

    [Fact]
    public async Task A_restarted_replica_serves_the_last_completed_version_and_a_restarted_deployer_resumes_its_canary()
    {
        await using var rig = await FleetRig.StartAsync(new()
        {
            ["Deployer__Strategy"] = "canary",
            ["Deployer__Canary__TrafficPercent"] = "50",
            ["Deployer__Canary__HealthyPredictions"] = "600",
            ["Deployer__Canary__TimeoutSeconds"] = "300",
            ["Deployer__PollMilliseconds"] = "100",
        });
        await rig.StartReplicaAsync("p1");
        await rig.PromoteAsync(1, Packages.WriteStable(rig.Artifacts));
        await rig.UntilDeploymentAsync(1, d => d.State == "Completed", "v1 to be deployed");

        // The replica alone restarts: it comes back serving v1 with no promotion.
        rig.KillReplica("p1");
        await rig.StartReplicaAsync("p1");
        var restarted = await rig.EndpointOfAsync("p1");
        Assert.Equal([(1, 100)], restarted.Versions.Select(v => (v.Version, v.Percent)));
        using (var answer = await rig.Http.PostAsJsonAsync($"{rig.Replicas["p1"].Url}/v1/models/{FleetRig.Model}:predict", new { instances = new[] { new object[] { 7, 11, 4, 6, 44, 2.1, "credit_card", "SoHo", "JFK Airport" } } }))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        }

        // A canary starts; the Deployer dies mid-canary; the replica keeps serving the canary split.
        await using var load = new SteadyLoad(rig.Replicas["p1"].Url, FleetRig.Model, clients: 4, requestsPerSecond: 150);
        await rig.PromoteAsync(2, Packages.WriteSurge(rig.Artifacts));
        var canary = await rig.UntilDeploymentAsync(2, d => d.State == "Canary" && d.CanaryRequests > 50, "the canary to take traffic");
        rig.Deployer.Kill();
        var okBefore = load.Ok;
        await rig.UntilAsync(async () => (await rig.StatusOfAsync("p1")).LastProblem is not null, "the replica to notice the Deployer is gone");
        await rig.UntilAsync(() => Task.FromResult(load.Ok > okBefore + 100), "traffic while the Deployer is down");
        var whileDown = await rig.EndpointOfAsync("p1");

        await rig.StartDeployerAsync();
        var resumed = (await rig.DeploymentAsync(2))!;
        var finished = await rig.UntilDeploymentAsync(2, d => d.State is "Completed" or "RolledBack", "the resumed canary's verdict", TimeSpan.FromSeconds(120));
        await load.StopAsync();
        var history = (await rig.Http.GetFromJsonAsync<List<DeploymentView>>($"{rig.DeployerUrl}/api/deployments?model={FleetRig.Model}", ApiJson.Options))!;
        output.WriteLine($"canary {canary.Id}: {canary.CanaryRequests} requests before the Deployer died, {resumed.CanaryRequests} when it came back, {finished.CanaryRequests} at its verdict ({finished.Signal})");

        Assert.Equal([(1, 50), (2, 50)], whileDown.Versions.Select(v => (v.Version, v.Percent)).OrderBy(v => v.Version));
        // The restarted Deployer carries on with the same deployment: it may already have judged it on what the replica counted meanwhile.
        Assert.Equal(canary.Id, resumed.Id);
        Assert.Contains(resumed.State, new[] { "Canary", "Converging", "Completed" });
        Assert.Equal(canary.Id, finished.Id);
        Assert.True(finished.State == "Completed", $"the resumed canary was {finished.State}: {finished.Reason}\n{rig.Outputs()}");
        Assert.Equal(2, history.Count);
        Assert.Equal(0, load.Failed);
        await rig.UntilAsync(() => rig.ServesAsync("p1", finished.Generation), "the replica to serve v2 alone");
    }
}
