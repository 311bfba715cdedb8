using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlOps.Contracts;
using MlOps.Core.Synthetic;
using MlOps.DriftWatcher;
using MlOps.DriftWatcher.Retraining;
using MlOps.DriftWatcher.Telemetry;
using MlOps.Platform.Messaging;
using MlOps.Rehearsal.StandIns.CloudBuild;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.DriftWatcher;

/// <summary>
/// Retraining as a build, over the Cloud Build stand-in: with <c>DriftWatcher:Retraining:Trigger</c> set, drift runs that
/// trigger once per alert with the model, the alert and the reason as substitutions, and still publishes the alert; a run
/// Cloud Build refuses falls back to TrainingRequested and is counted.
/// </summary>
public sealed class RetrainingTriggerTests
{
    private const string Trigger = "mlops-retrain-test";
    private const string Branch = "env/test";

    private static readonly HashSet<string> Allowed = new(["cloudbuild.builds.create", "cloudbuild.builds.get"], StringComparer.Ordinal);

    private sealed class Rig : IAsyncDisposable
    {
        public required CloudBuildRig CloudBuild { get; init; }

        public required ModuleHost Host { get; init; }

        public required CapturedLogs Logs { get; init; }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await CloudBuild.DisposeAsync();
        }
    }

    private static async Task<Rig> StartAsync(IReadOnlySet<string>? permissions = null)
    {
        var cloudBuild = await CloudBuildRig.StartAsync("drift-watcher", new StandInTrigger("7a2c9e41-0000-4000-8000-000000000002", Trigger, "main"), permissions ?? Allowed, queueDelay: TimeSpan.FromMilliseconds(50));
        var logs = new CapturedLogs();
        var host = await ModuleHost.StartAsync(
            b =>
            {
                b.Logging.AddProvider(logs);
                b.AddDriftWatcher();
                b.Messaging().SendAsRawJson<PredictionLogEntry>();
            },
            new Dictionary<string, string?>(cloudBuild.Settings())
            {
                ["DriftWatcher:WindowSize"] = "300",
                ["DriftWatcher:MinimumSamples"] = "200",
                ["DriftWatcher:Retraining:Trigger"] = Trigger,
                ["DriftWatcher:Retraining:Branch"] = Branch,
            });
        Packages.WriteStable(host.ArtifactRoot);
        return new Rig { CloudBuild = cloudBuild, Host = host, Logs = logs };
    }

    private static List<PredictionLogEntry> DriftedEntries() => LogEntries.Stream(600, seed: 1, DriftScenario.PaymentShift).ToList();

    private static async Task SendAndDrainAsync(Rig rig, List<PredictionLogEntry> entries, int consumedBefore = 0)
    {
        var endpoint = await rig.Host.Bus.GetSendEndpoint(new Uri($"queue:{EndpointNames.PredictionLogs}"));
        await endpoint.SendBatch(entries);
        await Wait.Until(() => rig.Host.Harness.Consumed.Select<PredictionLogEntry>().Count() >= consumedBefore + entries.Count, "every log entry consumed");
    }

    [Fact]
    public async Task Drift_runs_the_retraining_trigger_once_with_the_model_the_alert_and_the_reason_and_still_publishes_the_alert()
    {
        await using var rig = await StartAsync();

        await SendAndDrainAsync(rig, DriftedEntries());
        var alert = await Wait.Published<DriftDetected>(rig.Host.Harness);
        await Wait.Until(() => rig.CloudBuild.StandIn.Builds.Count > 0, "the retraining build to be created");

        var build = Assert.Single(rig.CloudBuild.StandIn.Builds);
        Assert.Equal(Branch, build.Launch.Branch);
        Assert.Equal("taxi", build.Launch.Substitutions[RetrainBuildSubstitutions.Model]);
        Assert.Equal(alert.AlertId.ToString("D"), build.Launch.Substitutions[RetrainBuildSubstitutions.DriftAlertId]);
        Assert.Equal(TrainingReasons.Drift, build.Launch.Substitutions[RetrainBuildSubstitutions.Reason]);
        Assert.False(rig.Host.Harness.Published.Select<TrainingRequested>().Any());
    }

    [Fact]
    public async Task The_same_drift_entries_delivered_again_run_no_second_build()
    {
        await using var rig = await StartAsync();
        var entries = DriftedEntries();
        await SendAndDrainAsync(rig, entries);
        await Wait.Until(() => rig.CloudBuild.StandIn.Builds.Count > 0, "the retraining build to be created");

        await SendAndDrainAsync(rig, entries, consumedBefore: entries.Count);

        Assert.Single(rig.CloudBuild.StandIn.Builds);
        Assert.Single(rig.Host.Harness.Published.Select<DriftDetected>());
        Assert.False(rig.Host.Harness.Published.Select<TrainingRequested>().Any());
    }

    [Fact]
    public async Task An_alert_that_asks_for_its_retraining_again_runs_no_second_build()
    {
        await using var rig = await StartAsync();
        var alert = new DriftDetected(Guid.NewGuid(), "taxi", 1, DriftKinds.Drift, [], DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 300, DateTimeOffset.UtcNow);

        for (var ask = 0; ask < 2; ask++)
        {
            using var scope = rig.Host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<IRetrainingRequests>().RequestAsync(alert, rig.Host.Bus, CancellationToken.None);
        }

        var build = Assert.Single(rig.CloudBuild.StandIn.Builds);
        Assert.Equal(alert.AlertId.ToString("D"), build.Launch.Substitutions[RetrainBuildSubstitutions.DriftAlertId]);
        Assert.Contains(rig.Logs.Lines, l => l.Contains($"Drift alert {alert.AlertId} on taxi asked for its retraining before: no second build", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_cloud_build_refuses_is_logged_with_the_permission_counted_and_falls_back_to_a_training_request()
    {
        await using var rig = await StartAsync(permissions: new HashSet<string>(["cloudbuild.builds.get"], StringComparer.Ordinal));

        await SendAndDrainAsync(rig, DriftedEntries());
        var alert = await Wait.Published<DriftDetected>(rig.Host.Harness);
        var request = await Wait.Published<TrainingRequested>(rig.Host.Harness, what: "the fallback TrainingRequested");

        Assert.Equal(("taxi", TrainingReasons.Drift, (Guid?)alert.AlertId), (request.Model, request.Reason, request.DriftAlertId));
        Assert.Empty(rig.CloudBuild.StandIn.Builds);
        Assert.Equal(1, rig.Host.Services.GetRequiredService<RetrainingMetrics>().RefusedCount);
        Assert.Contains(rig.Logs.Lines, l => l.Contains($"Cloud Build refused to run retraining trigger {Trigger}", StringComparison.Ordinal)
            && l.Contains("PERMISSION_DENIED", StringComparison.Ordinal) && l.Contains("cloudbuild.builds.create", StringComparison.Ordinal));
    }
}
