using System.Diagnostics;
using System.Net.Http.Json;
using MlOps.Cli.Loop;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Core.Synthetic;

namespace MlOps.Reliability.Tests.Faults;

/// <summary>
/// The artifact folder on a small file system of its own (tmpfs) that is filled to the last byte, and
/// a trained package corrupted on disk before it is rolled out: a clear failure each time, no version
/// from a run that could not write, and a broken package never takes traffic.
/// </summary>
public sealed class DiskAndPackageTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task A_full_artifact_folder_fails_training_with_its_reason_and_a_corrupt_package_never_takes_traffic()
    {
        using var volume = await SmallVolume.MountAsync(megabytes: 192);
        var dataset = Path.Combine(volume.Path, "datasets", LoopRig.Model);
        Snapshots.Append(dataset, DriftScenario.None, 3, 8000, 11);

        // Any challenger is promoted, so the corrupt one reaches the rollout rather than stopping at the gate.
        await using var rig = await LoopRig.StartAsync(new Dictionary<string, string> { ["Registry__Gate__MinimumImprovement"] = "-1", ["Deployer__Strategy"] = "immediate" }, volume.Path);
        await using var served = ServedVersions.Start(rig.Front.Url);

        // Full: the run fails with the file system's reason, recorded by the Registry; nothing is registered.
        var filler = await volume.FillAsync();
        var full = await TrainAsync(rig);
        var failed = await rig.Witness.NextAsync<TrainingFailed>(f => f.RequestId == full, "the run on a full disk to fail", Step);
        Assert.Contains(failed.Message.Errors, e => e.Contains("space", StringComparison.OrdinalIgnoreCase));
        await rig.UntilAsync(async () => (await rig.FailuresAsync()).Any(f => f.RequestId == full), "the Registry to record the failure");
        Assert.Empty(await rig.VersionsAsync());
        foreach (var service in new[] { "Trainer", "Registry", "Deployer", "DriftWatcher" })
        {
            Assert.True((await rig.Http.GetAsync(rig.Url(service) + "/health")).IsSuccessStatusCode, $"{service} is unhealthy on a full disk");
        }

        // Space again: the next request trains, registers and serves v1.
        File.Delete(filler);
        var freed = Stopwatch.StartNew();
        var first = await TrainAsync(rig);
        await rig.Witness.NextAsync<DeploymentCompleted>(d => d.Version == 1, "v1 to serve once there is space", Step);
        var diskRecovery = freed.Elapsed;

        // Corrupt: v2's package is damaged on disk the moment it is trained.
        var second = await TrainAsync(rig);
        var trained = await rig.Witness.NextAsync<ModelTrained>(t => t.RequestId == second, "v2 to be trained", Step);
        var corrupted = Stopwatch.StartNew();
        Corrupt(Path.Combine(volume.Path, trained.Message.PackageUri));
        var ended = Task.WhenAny(
            rig.Witness.NextAsync<DeploymentRolledBack>(d => d.Version == 2, "v2's rollout to be rolled back", Step).ContinueWith(t => (object)t.Result.Message),
            rig.Witness.NextAsync<ModelRejected>(r => r.Version == 2, "v2 to be rejected", Step).ContinueWith(t => (object)t.Result.Message));
        var verdict = await await ended;
        var packageRecovery = corrupted.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2));

        var breaches = (await LoopAudit.BreachesAsync(rig, served, TimeSpan.FromSeconds(30))).ToList();
        if (served.Versions.GetValueOrDefault(2) > 0)
        {
            breaches.Add($"the corrupt v2 answered {served.Versions[2]} requests");
        }

        if (await rig.ServingAsync() != 1)
        {
            breaches.Add($"v{await rig.ServingAsync()} serves after the corrupt v2, not v1");
        }

        await ReliabilityLedger.RecordAsync(new ReliabilityRow("Faults", "Artifact folder full (tmpfs filled to the last byte)", 1, breaches.Count, diskRecovery.TotalSeconds,
            $"TrainingFailed: \"{failed.Message.Errors[0]}\"; no version; every service healthy; recovery from freeing space to v1 serving"));
        await ReliabilityLedger.RecordAsync(new ReliabilityRow("Faults", "Package corrupted on disk after training", 1, breaches.Count, packageRecovery.TotalSeconds,
            (verdict is DeploymentRolledBack back ? $"v2 rolled back: {back.Reason}" : $"v2 rejected: {((ModelRejected)verdict).Verdict.Reason}") + "; v2 answered no request; v1 kept serving"));
        Assert.True(breaches.Count == 0, string.Join("\n", breaches) + "\n" + rig.Outputs());
        Assert.NotEqual(first, second);
    }

    private static async Task<Guid> TrainAsync(LoopRig rig)
    {
        var response = await rig.Http.PostAsJsonAsync($"{rig.Url("Trainer")}/api/training", new TrainingRequest(LoopRig.Model, TrainingReasons.Manual), ApiJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TrainingAccepted>(ApiJson.Options))!.RequestId;
    }

    // Every file of the package: the first half of each overwritten with bytes that are no model.
    private static void Corrupt(string package)
    {
        var files = Directory.Exists(package) ? Directory.GetFiles(package, "*", SearchOption.AllDirectories) : [package];
        foreach (var file in files)
        {
            var length = new FileInfo(file).Length;
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Write);
            var junk = new byte[Math.Max(1, length / 2)];
            new Random(7).NextBytes(junk);
            stream.Write(junk);
        }
    }
}
