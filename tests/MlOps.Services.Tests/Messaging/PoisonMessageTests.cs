using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Contracts;
using MlOps.DriftWatcher;
using MlOps.DriftWatcher.Alerting;
using MlOps.Platform.Messaging;
using MlOps.PubSub;
using MlOps.Services.Tests.DriftWatcher;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.Messaging;

/// <summary>
/// A message that fails every attempt is moved to its endpoint's <c>_error</c> destination with the exception, counted
/// once in <c>mlops.messages.faulted</c>, logged at ERROR and announced once as <see cref="MessageFaulted"/>, which the
/// DriftWatcher turns into one <c>message-failed</c> alert; over Pub/Sub and on the embedded in-memory bus alike.
/// </summary>
public sealed class PoisonMessageTests
{
    private const string Secret = "whsec-5be1f0a97c2d4e38";
    private const int Attempts = 4; // the first, then the three retries every endpoint gets
    private static readonly JsonSerializerOptions ApiJsonWeb = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Over_PubSub_a_poisoned_message_is_kept_on_the_error_topic_with_the_exception_counted_once_and_alerted_once()
    {
        await using var pubsub = await PubSubTestServer.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var project = $"mlops-{Guid.NewGuid():N}"[..20];
        var endpoint = Unique("poison");
        var settings = Webhook(receiver.Url);
        settings["MlOps:Transport"] = nameof(TransportKind.PubSub);
        settings["MlOps:PubSub:ProjectId"] = project;
        settings["MlOps:PubSub:EmulatorHost"] = pubsub.Host;
        await using var host = await MessageBusHost.StartAsync(b =>
        {
            b.AddDriftWatcher();
            b.Messaging().AddConsumer<PoisonPillConsumer>(endpoint).AddConsumer<MessageFaultedWatcher>(Unique("watch"));
        }, settings);
        using var counted = new FaultedCounter(host.Services);
        var pill = new PoisonPill(Guid.NewGuid(), "taxi");
        var messageId = NewId.NextGuid();

        await (await host.Bus.GetSendEndpoint(new Uri($"queue:{endpoint}"))).Send(pill, c => c.MessageId = messageId);
        await Wait.Until(() => receiver.Accepted.Count == 1, "the message-failed alert at the webhook");
        var kept = await PullOneAsync(pubsub.Host, project, endpoint + "_error");

        Assert.Equal(messageId.ToString("D"), kept.Attributes[MessageHeaders.MessageId]);
        Assert.Equal("System.InvalidOperationException", kept.Attributes[MessageHeaders.FaultExceptionType]);
        Assert.StartsWith(PoisonPillConsumer.Problem, kept.Attributes[MessageHeaders.FaultMessage], StringComparison.Ordinal);
        Assert.Contains(nameof(PoisonPillConsumer), kept.Attributes[MessageHeaders.FaultStackTrace], StringComparison.Ordinal);
        Assert.Equal((Attempts - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), kept.Attributes[MessageHeaders.FaultRetryCount]);
        Assert.Equal(pill, JsonSerializer.Deserialize<JsonElement>(kept.Data.Span).GetProperty("message").Deserialize<PoisonPill>(ApiJsonWeb));
        var fault = Assert.Single(MessageFaultedWatcher.For(endpoint));
        Assert.Equal(
            (messageId.ToString("D"), nameof(PoisonPill), endpoint + "_error", "System.InvalidOperationException", Attempts, "taxi"),
            (fault.MessageId, fault.MessageType, fault.ErrorDestination, fault.ExceptionType, fault.Attempts, fault.Model));
        var alert = Assert.Single(receiver.Accepted);
        Assert.Equal((AlertKinds.MessageFailed, AlertSources.IdFor(AlertKinds.MessageFailed, $"{endpoint}/{messageId:D}"), true), (alert.Kind, alert.AlertId, alert.SignatureValid));
        Assert.Contains(endpoint + "_error", alert.Alert.GetProperty("summary").GetString(), StringComparison.Ordinal);

        // Nothing more comes of it: one move, one count, one announcement, one alert.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(Attempts, PoisonPillConsumer.Attempts(pill.Id));
        Assert.Equal(new Dictionary<string, long> { [$"{endpoint}/{nameof(PoisonPill)}/System.InvalidOperationException"] = 1 }, counted.Counts);
        Assert.Single(MessageFaultedWatcher.For(endpoint));
        Assert.Single(receiver.Requests);
        Assert.Empty(await PullAsync(pubsub.Host, project, endpoint + "_error"));
        await using var client = PubSubClient.Create(new PubSubClientSettings { ProjectId = project, EmulatorHost = pubsub.Host });
        var subscription = await client.Subscriptions.GetAsync(endpoint + "_error");
        Assert.True(subscription?.ExpirationPolicy is { Ttl: null }, "the error subscription would expire after 31 idle days, and its messages with it");
    }

    [Fact]
    public async Task On_the_embedded_in_memory_bus_a_poisoned_message_is_kept_in_its_error_queue_counted_logged_at_ERROR_and_alerted()
    {
        var logs = new CapturedLogs();
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var endpoint = Unique("poison");
        await using var host = await MessageBusHost.StartAsync(b =>
        {
            b.AddDriftWatcher();
            b.Messaging()
                .AddConsumer<PoisonPillConsumer>(endpoint)
                .AddConsumer<ErrorQueueReader>(endpoint + "_error")
                .AddConsumer<MessageFaultedWatcher>(Unique("watch"));
        }, Webhook(receiver.Url), logs);
        using var counted = new FaultedCounter(host.Services);
        var pill = new PoisonPill(Guid.NewGuid(), "taxi");

        await (await host.Bus.GetSendEndpoint(new Uri($"queue:{endpoint}"))).Send(pill);
        await Wait.Until(() => receiver.Accepted.Count == 1, "the message-failed alert at the webhook");

        var headers = ErrorQueueReader.Find(pill.Id);
        Assert.NotNull(headers);
        Assert.Equal("System.InvalidOperationException", headers.Get<string>(MessageHeaders.FaultExceptionType));
        Assert.Equal(1, counted.For(endpoint));
        var fault = Assert.Single(MessageFaultedWatcher.For(endpoint));
        Assert.Equal((Attempts, endpoint + "_error"), (fault.Attempts, fault.ErrorDestination));
        var outbox = host.Services.GetRequiredService<AlertOutbox>();
        var recorded = Assert.Single(await outbox.RecentAsync(10, default));
        Assert.Equal((AlertKinds.MessageFailed, "taxi"), (recorded.Alert.Kind, recorded.Alert.Model));
        var entry = Assert.Single(logs.Lines.Select(l => JsonDocument.Parse(l).RootElement), e => e.TryGetProperty("errorDestination", out _));
        Assert.Equal("ERROR", entry.GetProperty("severity").GetString());
        Assert.Equal((fault.MessageId, nameof(PoisonPill), endpoint, "System.InvalidOperationException"),
            (entry.GetProperty("messageId").GetString(), entry.GetProperty("messageType").GetString(), entry.GetProperty("endpoint").GetString(), entry.GetProperty("exceptionType").GetString()));
        Assert.Contains(nameof(PoisonPillConsumer), entry.GetProperty("stack_trace").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redelivered_MessageFaulted_makes_no_second_alert_and_a_fault_elsewhere_makes_its_own()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var host = await ModuleHost.StartAsync(b => b.AddDriftWatcher(), Webhook(receiver.Url));
        var fault = new MessageFaulted(Guid.NewGuid().ToString("D"), nameof(TrainingRequested), EndpointNames.Trainer, "trainer_error",
            "System.IO.IOException", "No space left on device", Attempts, "taxi", DateTimeOffset.UtcNow);

        await host.Bus.Publish(fault);
        await host.Bus.Publish(fault);
        await host.Bus.Publish(fault with { Endpoint = EndpointNames.Registry, ErrorDestination = "registry_error" });
        await Wait.Until(() => host.Harness.Consumed.Select<MessageFaulted>().Count() == 3, "the three fault events to be consumed");
        await Wait.Until(async () => (await host.Services.GetRequiredService<AlertOutbox>().PendingAsync(default)).Count == 0, "every delivery to be made");

        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(
            new[] { $"registry/{fault.MessageId}", $"trainer/{fault.MessageId}" }.Select(identity => AlertSources.IdFor(AlertKinds.MessageFailed, identity)).Order(),
            receiver.Accepted.Select(r => r.AlertId).Order());
        var trainer = receiver.Accepted.Single(r => r.AlertId == AlertSources.IdFor(AlertKinds.MessageFailed, $"trainer/{fault.MessageId}")).Alert;
        Assert.Equal((AlertKinds.MessageFailed, "taxi", nameof(MessageFaulted)), (trainer.GetProperty("kind").GetString(), trainer.GetProperty("model").GetString(), trainer.GetProperty("sourceType").GetString()));
        Assert.Contains("No space left on device", trainer.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    private static string Unique(string what) => $"{what}-{Guid.NewGuid():N}"[..20];

    private static Dictionary<string, string?> Webhook(string url) => new()
    {
        ["DriftWatcher:Alerts:Webhooks:ops:Url"] = url,
        ["DriftWatcher:Alerts:Webhooks:ops:Secret"] = Secret,
        ["DriftWatcher:Alerts:InitialBackoffMilliseconds"] = "50",
    };

    private static async Task<Google.Cloud.PubSub.V1.PubsubMessage> PullOneAsync(string server, string project, string subscription)
    {
        var deadline = DateTime.UtcNow + Wait.Default;
        while (DateTime.UtcNow < deadline)
        {
            if (await PullAsync(server, project, subscription) is [var message, ..])
            {
                return message;
            }
        }

        throw new TimeoutException($"waited {Wait.Default.TotalSeconds:F0} s for a message on {subscription}");
    }

    private static async Task<IReadOnlyList<Google.Cloud.PubSub.V1.PubsubMessage>> PullAsync(string server, string project, string subscription)
    {
        await using var client = PubSubClient.Create(new PubSubClientSettings { ProjectId = project, EmulatorHost = server });
        var received = await client.Subscriber.PullAsync(subscription, 10);
        if (received.Count > 0)
        {
            await client.Subscriber.AcknowledgeAsync(subscription, [.. received.Select(r => r.AckId)]);
        }

        return [.. received.Select(r => r.Message)];
    }
}
