using System.Collections.Concurrent;
using System.Text.Json;
using Google.Cloud.PubSub.V1;
using Google.Protobuf;
using MassTransit;
using MassTransit.Serialization;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Contracts;
using MlOps.Core.Synthetic;
using MlOps.DriftWatcher;
using MlOps.DriftWatcher.Monitoring;
using MlOps.Platform.Messaging;
using MlOps.PubSub;
using MlOps.Services.Tests.Infrastructure;
using MlOps.Services.Tests.Messaging;

namespace MlOps.Services.Tests.DriftWatcher;

/// <summary>
/// On Pub/Sub the DriftWatcher pulls log entries in batches outside MassTransit: entries a sink published (plain
/// JSON, no attributes) are all counted and acknowledged, drift is alerted and retraining asked for, a message
/// that is no log entry is moved to <c>prediction-logs_error</c> with why, and a malformed entry is counted aside.
/// </summary>
public sealed class PredictionLogPullerTests
{
    [Fact]
    public async Task A_sinks_entries_are_pulled_in_batches_counted_acknowledged_and_drift_asks_for_retraining()
    {
        await using var pubsub = await PubSubTestServer.StartAsync();
        var project = $"mlops-{Guid.NewGuid():N}"[..20];
        await using var host = await MessageBusHost.StartAsync(b =>
        {
            b.AddDriftWatcher();
            b.Messaging().AddConsumer<Watcher>($"watch-{Guid.NewGuid():N}"[..20]);
        }, new Dictionary<string, string?>
        {
            ["MlOps:Transport"] = nameof(TransportKind.PubSub),
            ["MlOps:PubSub:ProjectId"] = project,
            ["MlOps:PubSub:EmulatorHost"] = pubsub.Host,
            ["DriftWatcher:WindowSize"] = "300",
            ["DriftWatcher:MinimumSamples"] = "200",
        });
        var puller = host.Services.GetRequiredService<PredictionLogPuller>();
        var monitor = host.Services.GetRequiredService<DriftMonitor>();
        await puller.Ready.WaitAsync(Wait.Default);
        Packages.WriteStable(host.ArtifactRoot);
        await using var client = PubSubClient.Create(new PubSubClientSettings { ProjectId = project, EmulatorHost = pubsub.Host, ReadEmulatorVariable = false });
        var entries = LogEntries.Stream(1_500, seed: 21, DriftScenario.PaymentShift)
            .Select(e => new PubsubMessage { Data = ByteString.CopyFrom(JsonSerializer.SerializeToUtf8Bytes(e, SystemTextJsonMessageSerializer.Options)) })
            .ToList();
        var unreadable = new PubsubMessage { Data = ByteString.CopyFromUtf8("{\"jsonPayload\": {\"version\": \"one\"}}") };
        unreadable.Attributes["origin"] = "a-test";
        var malformed = new PubsubMessage { Data = ByteString.CopyFromUtf8("{\"jsonPayload\": {\"message\": \"started\"}}") };

        await client.Publisher.PublishAsync(EndpointNames.PredictionLogs, [.. entries[..700], unreadable, malformed, .. entries[700..]]);
        await Wait.Until(() => puller.Acknowledged == entries.Count + 2, "every message to be acknowledged");
        TrainingRequested? Request() => Watcher.Requests.FirstOrDefault(r => r.DriftAlertId is { } id && Watcher.Alerts.Any(a => a.AlertId == id));
        await Wait.Until(() => Request() is not null, "a retraining request pointing at the drift alert");
        var request = Request()!;
        var moved = await PullOneAsync(client, PredictionLogPuller.ErrorDestination);

        Assert.Equal(("taxi", "drift"), (request.Model, request.Reason));
        Assert.Contains(Watcher.Alerts.Single(a => a.AlertId == request.DriftAlertId).Features, f => f.Feature == "payment_type" && f.Drifted);
        Assert.Equal(entries.Count, monitor.Monitors.Single().Windows.Sum(w => w.Samples) + monitor.Monitors.Single().Count);
        Assert.Equal(2, monitor.MalformedCount);
        Assert.Equal(1, puller.MovedToError);
        Assert.Equal(unreadable.Data, moved.Data);
        Assert.Equal("a-test", moved.Attributes["origin"]);
        Assert.Contains("jsonPayload.version is not a whole number", moved.Attributes[MessageHeaders.FaultMessage], StringComparison.Ordinal);
        Assert.Empty(await client.Subscriber.PullAsync(PredictionLogPuller.Subscription, 10));
    }

    private static async Task<PubsubMessage> PullOneAsync(PubSubClient client, string subscription)
    {
        var deadline = DateTime.UtcNow + Wait.Default;
        while (DateTime.UtcNow < deadline)
        {
            if (await client.Subscriber.PullAsync(subscription, 1) is [var message, ..])
            {
                await client.Subscriber.AcknowledgeAsync(subscription, [message.AckId]);
                return message.Message;
            }
        }

        throw new TimeoutException($"waited {Wait.Default.TotalSeconds:F0} s for a message on {subscription}");
    }

    public sealed class Watcher : IConsumer<DriftDetected>, IConsumer<TrainingRequested>
    {
        public static readonly ConcurrentQueue<DriftDetected> Alerts = new();
        public static readonly ConcurrentQueue<TrainingRequested> Requests = new();

        public Task Consume(ConsumeContext<DriftDetected> context)
        {
            Alerts.Enqueue(context.Message);
            return Task.CompletedTask;
        }

        public Task Consume(ConsumeContext<TrainingRequested> context)
        {
            Requests.Enqueue(context.Message);
            return Task.CompletedTask;
        }
    }
}
