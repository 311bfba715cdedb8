using System.Diagnostics;
using System.Net.Http.Json;
using MassTransit;
using MlOps.Cli.Loop;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Core.Synthetic;

namespace MlOps.Reliability.Tests.Faults;

/// <summary>
/// At-least-once delivery as Pub/Sub gives it, made worse on purpose: every message of a step
/// published again, and a promotion delivered after a newer one. Each redelivery changes nothing, and
/// a stale promotion never takes the traffic back.
/// </summary>
public sealed class DeliveryTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Duplicated_and_out_of_order_messages_change_nothing()
    {
        var artifacts = Path.Combine(Path.GetTempPath(), "mlops-faults", Guid.NewGuid().ToString("N"));
        Snapshots.Append(Path.Combine(artifacts, "datasets", LoopRig.Model), DriftScenario.None, 3, 8000, 11);
        try
        {
            await using var rig = await LoopRig.StartAsync(new Dictionary<string, string> { ["Registry__Gate__MinimumImprovement"] = "-1", ["Deployer__Strategy"] = "immediate" }, artifacts);
            await using var served = ServedVersions.Start(rig.Front.Url);
            var bus = rig.Bus;
            var clock = Stopwatch.StartNew();

            // A training request delivered three times trains once.
            var request = new TrainingRequested(NewId.NextGuid(), LoopRig.Model, TrainingReasons.Manual, DateTimeOffset.UtcNow);
            await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => bus.Publish(request)));
            var trained = await rig.Witness.NextAsync<ModelTrained>(t => t.RequestId == request.RequestId, "v1 to be trained", Step);
            var v1 = await rig.Witness.NextAsync<DeploymentCompleted>(d => d.Version == 1, "v1 to serve", Step);

            // Its result delivered again, twice: no second version, no second decision, no second rollout.
            await bus.Publish(trained.Message);
            await bus.Publish(trained.Message);
            var promotedV1 = rig.Witness.All<ModelPromoted>().First(p => p.Version == 1);

            // v2; then v1's promotion again, and a promotion of v1 the Deployer never saw, made before v2's but arriving after it: v2 keeps the traffic.
            var second = new TrainingRequested(NewId.NextGuid(), LoopRig.Model, TrainingReasons.Manual, DateTimeOffset.UtcNow);
            await bus.Publish(second);
            await rig.Witness.NextAsync<DeploymentCompleted>(d => d.Version == 2, "v2 to serve", Step);
            var promotedV2 = rig.Witness.All<ModelPromoted>().First(p => p.Version == 2);
            await bus.Publish(promotedV1);
            await bus.Publish(promotedV1 with { PromotedAt = promotedV2.PromotedAt.AddSeconds(-1) });
            await bus.Publish(rig.Witness.All<DeploymentCompleted>().First(d => d.Version == 1));
            await bus.Publish(promotedV2);
            var published = rig.Witness.Now;

            // Long enough for any of them to have been acted on: the Deployer polls every few hundred milliseconds.
            await Task.Delay(TimeSpan.FromSeconds(15));
            var breaches = (await LoopAudit.BreachesAsync(rig, served, TimeSpan.FromSeconds(30))).ToList();
            var versions = await rig.VersionsAsync();
            if (versions.Count != 2)
            {
                breaches.Add($"{versions.Count} versions registered from 2 requests");
            }

            var deployments = await rig.DeploymentsAsync();
            breaches.AddRange(deployments.GroupBy(d => d.Version).Where(g => g.Count() > 1).Select(g => $"v{g.Key} rolled out {g.Count()} times"));
            if (await rig.ServingAsync() is var serving && serving != 2)
            {
                breaches.Add($"v{serving} serves after the stale promotion of v1, not v2");
            }

            var trainedRuns = rig.Witness.All<TrainingStarted>().Count(s => s.RequestId == request.RequestId);
            await ReliabilityLedger.RecordAsync(new ReliabilityRow("Delivery", "TrainingRequested delivered 3 times", 3, breaches.Count, null,
                $"one version; the Trainer started {trainedRuns} run(s) for the request"));
            await ReliabilityLedger.RecordAsync(new ReliabilityRow("Delivery", "ModelTrained, ModelPromoted and DeploymentCompleted delivered again", 5, breaches.Count, null,
                "no second version, decision or rollout"));
            await ReliabilityLedger.RecordAsync(new ReliabilityRow("Delivery", "A promotion delivered after a newer one", 1, breaches.Count, null,
                $"the newer version kept all traffic; checked {(clock.Elapsed - published + TimeSpan.FromSeconds(15)).TotalSeconds:F0} s after"));
            Assert.True(breaches.Count == 0, string.Join("\n", breaches) + "\n" + rig.Outputs());
            Assert.Equal(1, v1.Message.Version);
        }
        finally
        {
            try
            {
                Directory.Delete(artifacts, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
