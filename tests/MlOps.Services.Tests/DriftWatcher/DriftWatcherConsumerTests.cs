using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Contracts;
using MlOps.Core.Synthetic;
using MlOps.DriftWatcher;
using MlOps.DriftWatcher.Monitoring;
using MlOps.Platform.Messaging;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.DriftWatcher;

public sealed class DriftWatcherConsumerTests
{
    private static Task<ModuleHost> Start() => ModuleHost.StartAsync(
        b =>
        {
            b.AddDriftWatcher();
            b.Messaging().SendAsRawJson<PredictionLogEntry>();
        },
        new Dictionary<string, string?> { ["DriftWatcher:WindowSize"] = "300", ["DriftWatcher:MinimumSamples"] = "200" });

    [Fact]
    public async Task Drift_in_the_log_stream_raises_an_alert_and_a_retraining_request_that_points_at_it()
    {
        await using var host = await Start();
        Packages.WriteStable(host.ArtifactRoot);
        var endpoint = await host.Bus.GetSendEndpoint(new Uri($"queue:{EndpointNames.PredictionLogs}"));

        await endpoint.SendBatch(LogEntries.Stream(600, seed: 1, DriftScenario.PaymentShift).ToList());
        var alert = await Wait.Published<DriftDetected>(host.Harness);
        var request = await Wait.Published<TrainingRequested>(host.Harness);

        Assert.Equal(("taxi", "drift", (Guid?)alert.AlertId), (request.Model, request.Reason, request.DriftAlertId));
        Assert.Contains(alert.Features, f => f.Feature == "payment_type" && f.Drifted);
    }

    [Fact]
    public async Task Log_entries_arrive_as_plain_log_entry_json_without_a_masstransit_envelope()
    {
        await using var host = await Start();
        Packages.WriteStable(host.ArtifactRoot);
        var endpoint = await host.Bus.GetSendEndpoint(new Uri($"queue:{EndpointNames.PredictionLogs}"));

        await endpoint.Send(LogEntries.For(new TaxiTripGenerator(3).Next()));
        await Wait.Until(() => host.Harness.Consumed.Select<PredictionLogEntry>().Any(), "the log entry to be consumed");

        var sent = host.Harness.Sent.Select<PredictionLogEntry>().Single().Context;
        Assert.Equal("application/json", sent.ContentType!.MediaType);
        Assert.Equal(1, host.Services.GetRequiredService<DriftMonitor>().Monitors.Single().Count);
    }

    [Fact]
    public async Task Concept_drift_on_a_new_labelled_snapshot_requests_retraining()
    {
        await using var host = await Start();
        var uri = Packages.WriteStable(host.ArtifactRoot);
        TaxiTripGenerator.WriteCsv(Path.Combine(host.ArtifactRoot, "datasets/taxi/new.csv"), new TaxiTripGenerator(9, DriftScenario.TippingChange).Generate(3000));

        await host.Bus.Publish(new DeploymentCompleted(Guid.NewGuid(), "taxi", 1, uri, "immediate", DateTimeOffset.UtcNow));
        await Wait.Until(() => host.Harness.Consumed.Select<DeploymentCompleted>().Any(), "the watcher to learn the served version");
        await host.Bus.Publish(new DatasetSnapshotAdded("taxi", "datasets/taxi/new.csv", 3000, DateTimeOffset.UtcNow));
        var alert = await Wait.Published<DriftDetected>(host.Harness);

        Assert.Equal("performance", alert.Kind);
        Assert.Equal(alert.AlertId, (await Wait.Published<TrainingRequested>(host.Harness)).DriftAlertId);
    }
}
