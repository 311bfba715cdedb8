using Google.Cloud.PubSub.V1;
using MlOps.PubSub;
using MlOps.Testing;

namespace MlOps.PubSub.Tests.Infrastructure;

/// <summary>The Pub/Sub server the tests talk to: an emulator named by PUBSUB_EMULATOR_HOST, or
/// else our pstest-based <c>.tools/pubsub-server</c> started on a free loopback port.</summary>
public sealed class PubSubServer : IAsyncLifetime
{
    public const string ProjectId = "mlops-tests";

    private PubSubTestServer? _server;

    public string Host { get; private set; } = "";

    /// <summary>Shortest ack deadline the server accepts: our server is started with 1 s so lease
    /// tests stay short; Google's emulator (and Pub/Sub) require 10 s.</summary>
    public int MinAckDeadlineSeconds { get; private set; } = 10;

    public PubSubClientSettings ClientSettings => new() { ProjectId = ProjectId, EmulatorHost = Host };

    public PubSubClient CreateClient() => PubSubClient.Create(ClientSettings);

    /// <summary>Creates a topic and a subscription on it the way another tool (gcloud, Terraform) would,
    /// straight over gRPC: our client refuses ack deadlines under Pub/Sub's 10 s, our server takes 1 s.</summary>
    public async Task CreateSubscriptionDirectlyAsync(string topic, string subscription, int ackDeadlineSeconds)
    {
        await using (var client = CreateClient())
        {
            await client.Topics.CreateAsync(topic);
        }

        using var channel = PubSubChannelFactory.Create(ClientSettings);
        await new Subscriber.SubscriberClient(channel).CreateSubscriptionAsync(new Subscription
        {
            Name = PubSubNames.SubscriptionPath(ProjectId, subscription),
            Topic = PubSubNames.TopicPath(ProjectId, topic),
            AckDeadlineSeconds = ackDeadlineSeconds,
        });
    }

    public async Task InitializeAsync()
    {
        _server = await PubSubTestServer.StartAsync(minAckDeadline: "1s");
        Host = _server.Host;
        MinAckDeadlineSeconds = _server.Ours ? 1 : 10;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
