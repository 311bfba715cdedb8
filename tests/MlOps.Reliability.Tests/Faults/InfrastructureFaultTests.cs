using MlOps.Contracts;

namespace MlOps.Reliability.Tests.Faults;

/// <summary>
/// One closed loop in which what the services stand on goes away for ten seconds at a time: Pub/Sub
/// while v1 trains and again as the drift alert is raised, PostgreSQL while the Registry gates v2.
/// Connections are reset and refused for the outage; the servers keep their state, as Pub/Sub and
/// Cloud SQL do across a frontend restart or a network partition.
/// </summary>
public sealed class InfrastructureFaultTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Pub_sub_and_postgresql_unreachable_for_ten_seconds_lose_nothing_and_the_loop_closes()
    {
        await using var rig = await LoopRig.StartAsync();
        await using var served = ServedVersions.Start(rig.Front.Url);
        var trials = new List<(string Name, TimeSpan Back, TimeSpan Recovered)>();
        var drive = rig.DriveAsync();
        try
        {
            var training = await rig.Witness.NextAsync<TrainingStarted>(_ => true, "v1 to start training", Step);
            await rig.PubSub.CutAsync(Outage);
            var back = rig.Witness.Now;
            var trained = await rig.Witness.NextAsync<ModelTrained>(t => t.RequestId == training.Message.RequestId, "v1 to be trained after the outage", Step);
            trials.Add(("Pub/Sub unreachable for 10 s mid-training", back, Later(trained.At, back)));

            var alert = await rig.Witness.NextAsync<DriftDetected>(_ => true, "drift to be detected", Step);
            await rig.PubSub.CutAsync(Outage);
            back = rig.Witness.Now;
            var retrain = await rig.Witness.NextAsync<TrainingStarted>(t => t.Reason == TrainingReasons.Drift, "the drift retrain to start after the outage", Step);
            trials.Add(("Pub/Sub unreachable for 10 s as drift is detected", back, Later(retrain.At, back)));

            var challenger = await rig.Witness.NextAsync<ModelTrained>(t => t.Lineage.Reason == TrainingReasons.Drift, "the drift retrain to finish", Step);
            await rig.Database.CutAsync(Outage);
            back = rig.Witness.Now;
            var registered = await rig.Witness.NextAsync<ModelVersionRegistered>(r => r.RequestId == challenger.Message.RequestId, "the challenger to be registered after the outage", Step);
            trials.Add(("PostgreSQL unreachable for 10 s mid-gate", back, Later(registered.At, back)));

            var outcome = await drive;
            Assert.True(outcome.Exit == 0, $"the loop did not close: {outcome.Output}\n{outcome.Error}\n{rig.Outputs()}");
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"the trial stopped after {trials.Count} of 3 faults: {e.Message}\n{rig.Outputs()}", e);
        }
        finally
        {
            var breaches = await LoopAudit.BreachesAsync(rig, served, TimeSpan.FromSeconds(60));
            foreach (var (name, back, recovered) in trials)
            {
                await ReliabilityLedger.RecordAsync(new ReliabilityRow("Faults", name, 1, breaches.Count, (recovered - back).TotalSeconds,
                    breaches.Count == 0 ? "loop closed v1 → v2; nothing lost or duplicated; recovery counted from the end of the outage" : string.Join("; ", breaches)));
            }

            Assert.True(breaches.Count == 0, string.Join("\n", breaches) + "\n" + rig.Outputs());
        }

        Assert.Equal(3, trials.Count);
    }

    // An event that had already arrived before the outage ended recovered at once.
    private static TimeSpan Later(TimeSpan at, TimeSpan back) => at > back ? at : back;
}
