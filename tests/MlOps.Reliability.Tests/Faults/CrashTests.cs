using MlOps.Contracts;

namespace MlOps.Reliability.Tests.Faults;

/// <summary>
/// One closed loop in which each service is killed (SIGKILL) at its own step and started again:
/// the Trainer while it trains v1, a Predictor replica while it serves v1, the DriftWatcher while it
/// fills its windows with drifted traffic, the Registry while it gates v2 and the Deployer while v2 is
/// a canary. The loop must close, and nothing may be lost or duplicated.
/// </summary>
public sealed class CrashTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Each_service_killed_at_its_step_of_the_loop_loses_nothing_and_the_loop_closes()
    {
        await using var rig = await LoopRig.StartAsync();
        await using var served = ServedVersions.Start(rig.Front.Url);
        var trials = new List<Trial>();
        var drive = rig.DriveAsync();

        try
        {
            // The Trainer, mid-training: its request is redelivered once its lease lapses, and trained again.
            var training = await rig.Witness.NextAsync<TrainingStarted>(_ => true, "v1 to start training", Step);
            var killed = Strike(rig, "Trainer");
            await rig.RestartAsync("Trainer");
            var trained = await rig.Witness.NextAsync<ModelTrained>(t => t.RequestId == training.Message.RequestId, "v1's request to be trained after the restart", Step);
            trials.Add(new("Trainer killed mid-training", killed, trained.At));

            // A Predictor replica, while v1 serves: the other takes the traffic; the new one follows the desired state.
            await rig.Witness.NextAsync<DeploymentCompleted>(d => d.Version == 1, "v1 to serve", Step);
            await Task.Delay(TimeSpan.FromSeconds(2));
            killed = Strike(rig, LoopRig.Predictors[0]);
            rig.Front.Remove(LoopRig.Predictors[0]);
            await rig.RestartAsync(LoopRig.Predictors[0]);
            rig.Front.Add(LoopRig.Predictors[0], new Uri(rig.Url(LoopRig.Predictors[0]) + "/"));
            trials.Add(new("Predictor replica killed while serving", killed, rig.Witness.Now));

            // The DriftWatcher, mid-window: the drift has just begun (its snapshots land with it) and drifted traffic is arriving.
            var dataset = Path.Combine(rig.Artifacts, "datasets", LoopRig.Model);
            await rig.UntilAsync(() => Task.FromResult(Directory.EnumerateFiles(dataset, "*.csv").Count() > 3), "the drift to begin", Step);
            killed = Strike(rig, "DriftWatcher");
            await rig.RestartAsync("DriftWatcher");
            var drift = await rig.Witness.NextAsync<DriftDetected>(_ => true, "drift to be detected after the restart", Step, after: killed);
            trials.Add(new("DriftWatcher killed mid-window", killed, drift.At));

            // The Registry, as v2's challenger reaches its gate.
            var challenger = await rig.Witness.NextAsync<ModelTrained>(t => t.Lineage.Reason == TrainingReasons.Drift, "the drift retrain to finish", Step);
            killed = Strike(rig, "Registry");
            await rig.RestartAsync("Registry");
            var decided = await rig.Witness.NextAsync<ModelVersionRegistered>(r => r.RequestId == challenger.Message.RequestId, "the challenger to be registered", Step);
            trials.Add(new("Registry killed mid-gate", killed, Max(decided.At, rig.Witness.Now)));

            // The Deployer, while v2 is a canary.
            await rig.Witness.NextAsync<DeploymentStarted>(d => d.Version == 2, "v2's canary to begin", Step);
            await Task.Delay(TimeSpan.FromSeconds(1));
            killed = Strike(rig, "Deployer");
            await rig.RestartAsync("Deployer");
            var rolledOut = Task.WhenAny(
                rig.Witness.NextAsync<DeploymentCompleted>(d => d.Version == 2, "v2's rollout to complete", Step).ContinueWith(t => t.Result.At),
                rig.Witness.NextAsync<DeploymentRolledBack>(d => d.Version == 2, "v2's rollout to end", Step).ContinueWith(t => t.Result.At));
            trials.Add(new("Deployer killed mid-canary", killed, await await rolledOut));

            var outcome = await drive;
            Assert.True(outcome.Exit == 0, $"the loop did not close: {outcome.Output}\n{outcome.Error}\n{rig.Outputs()}");
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"the trial stopped after {trials.Count} of 5 faults: {e.Message}\n{rig.Outputs()}", e);
        }
        finally
        {
            await Record(rig, served, trials);
        }

        Assert.Equal(5, trials.Count);
    }

    private static TimeSpan Strike(LoopRig rig, string service)
    {
        rig.Kill(service);
        return rig.Witness.Now;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static async Task Record(LoopRig rig, ServedVersions served, List<Trial> trials)
    {
        var breaches = await LoopAudit.BreachesAsync(rig, served, TimeSpan.FromSeconds(60));
        foreach (var trial in trials)
        {
            await ReliabilityLedger.RecordAsync(new ReliabilityRow("Faults", trial.Name, 1, breaches.Count, (trial.Recovered - trial.Killed).TotalSeconds,
                breaches.Count == 0 ? "loop closed v1 → v2; nothing lost or duplicated; only promoted versions answered" : string.Join("; ", breaches)));
        }

        Assert.True(breaches.Count == 0, string.Join("\n", breaches) + "\n" + rig.Outputs());
    }

    private sealed record Trial(string Name, TimeSpan Killed, TimeSpan Recovered);
}
