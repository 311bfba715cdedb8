using System.Text.Json;
using Google.Cloud.PubSub.V1;
using Google.Protobuf;
using MassTransit;
using MlOps.PubSub.Tests.Conformance.Messages;
using MlOps.PubSub.Tests.Infrastructure;
using MlOps.Transport.PubSub.Topology;

namespace MlOps.PubSub.Tests.Conformance;

public sealed partial class PubSubTransportTests
{
    [Fact]
    public async Task A_message_sent_before_its_endpoint_first_starts_is_kept_for_it()
    {
        var sender = await StartBusAsync((_, _) => { });
        var order = new OrderSubmitted(Guid.NewGuid(), 5);
        await (await sender.GetSendEndpoint(Queue("later"))).Send(order);

        var orders = new Received<OrderSubmitted>();
        await StartBusAsync((_, cfg) => cfg.ReceiveEndpoint(Name("later"), e => e.Handler<OrderSubmitted>(orders.Handle)));

        await orders.WaitForCount(1, "the message sent before the endpoint existed");
        Assert.Equal(order, orders.Messages[0]);
    }

    [Fact]
    public async Task Plain_json_from_a_log_sink_is_consumed_from_an_existing_subscription()
    {
        await using var client = server.CreateClient();
        var topic = Name("log-sink");
        var subscription = Name("drift-watcher-logs");
        await client.Topics.CreateAsync(topic);
        await client.Subscriptions.CreateAsync(new PubSubSubscriptionSettings(subscription, topic));
        var entries = new Received<LogEntry>();
        await StartBusAsync((_, cfg) => cfg.ReceiveEndpoint(Name("drift-watcher"), e =>
        {
            var pubsub = (IPubSubReceiveEndpointConfigurator)e;
            pubsub.SubscriptionName = subscription;
            pubsub.CreateEntities = false;
            e.ConfigureConsumeTopology = false;
            e.UseRawJsonDeserializer(isDefault: true);
            e.Handler<LogEntry>(entries.Handle);
        }));

        await client.Publisher.PublishAsync(topic, [new PubsubMessage
        {
            Data = ByteString.CopyFromUtf8("""{"modelVersion":"v7","score":0.25,"timestamp":"2026-03-04T05:06:07+00:00"}"""),
        }]);

        await entries.WaitForCount(1, "the sink's plain JSON entry");
        Assert.Equal(new LogEntry("v7", 0.25, new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero)), entries.Messages[0]);
    }

    [Fact]
    public async Task Raw_json_sent_to_a_topic_carries_only_the_message_as_data()
    {
        await using var client = server.CreateClient();
        var topic = Name("prediction-logs");
        var probe = Name("probe");
        await client.Topics.CreateAsync(topic);
        await client.Subscriptions.CreateAsync(new PubSubSubscriptionSettings(probe, topic));
        var bus = await StartBusAsync((_, cfg) =>
        {
            cfg.AddRawJsonSerializer();
            cfg.Send<LogEntry>(s => s.UseSerializer("application/json"));
        });

        await (await bus.GetSendEndpoint(new Uri($"topic:{topic}"))).Send(new LogEntry("v1", 0.5, DateTimeOffset.UnixEpoch));

        var pulled = await Await.Within(PullOneAsync(client, probe), "the raw message on the topic");
        using var json = JsonDocument.Parse(pulled.Message.Data.ToStringUtf8());
        Assert.Equal("v1", json.RootElement.GetProperty("modelVersion").GetString());
        Assert.False(json.RootElement.TryGetProperty("message", out _));
        Assert.Equal("application/json", pulled.Message.Attributes["Content-Type"]);
    }

    [Fact]
    public async Task Asking_for_a_delayed_delivery_fails_with_a_clear_message()
    {
        var bus = await StartBusAsync((_, _) => { });
        var endpoint = await bus.GetSendEndpoint(Queue("delayed"));

        var error = await Assert.ThrowsAsync<NotSupportedException>(() =>
            endpoint.Send(new OrderSubmitted(Guid.NewGuid(), 1), context => context.Delay = TimeSpan.FromMinutes(1)));

        Assert.Contains("no delayed delivery", error.Message);
        Assert.Contains("UseMessageRetry", error.Message);
    }

    [Theory]
    [InlineData("9-starts-with-digit")]
    [InlineData("goog-reserved")]
    [InlineData("no spaces")]
    public async Task An_endpoint_with_an_invalid_name_is_refused_with_the_rules(string name)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartBusAsync((_, cfg) => cfg.ReceiveEndpoint(name, e => e.Handler<OrderSubmitted>(_ => Task.CompletedTask))));
        Assert.Contains("not a valid Pub/Sub", error.ToString());
    }

    [Fact]
    public void Topics_are_named_in_kebab_case_after_the_message_type()
    {
        Assert.Equal("order-submitted", PubSubEntityNameFormatter.Format(typeof(OrderSubmitted)));
        Assert.Equal("fault--order-submitted", PubSubEntityNameFormatter.Format(typeof(Fault<OrderSubmitted>)));
        Assert.Equal("log-entry", PubSubEntityNameFormatter.Format(typeof(LogEntry)));
    }

    [Fact]
    public void Short_and_full_addresses_name_the_same_endpoint()
    {
        var host = PubSubEndpointAddress.HostAddress(PubSubServer.ProjectId);
        Assert.Equal(new Uri("pubsub://mlops-tests/trainer"), PubSubEndpointAddress.Parse(host, new Uri("queue:trainer")).ToUri());
        Assert.Equal(new Uri("pubsub://mlops-tests/prediction-logs?type=topic"), PubSubEndpointAddress.Parse(host, new Uri("topic:prediction-logs")).ToUri());
        Assert.Equal("trainer", PubSubEndpointAddress.Parse(host, new Uri("pubsub://mlops-tests/trainer")).Name);
    }

    private static async Task<ReceivedMessage> PullOneAsync(PubSubClient client, string subscription)
    {
        while (true)
        {
            var messages = await client.Subscriber.PullAsync(subscription, 1);
            if (messages.Count > 0)
            {
                return messages[0];
            }
        }
    }
}
