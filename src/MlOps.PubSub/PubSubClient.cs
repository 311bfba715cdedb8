using Google.Cloud.PubSub.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MlOps.PubSub;

/// <summary>A Pub/Sub connection (one gRPC channel) for one project: topic and subscription
/// administration, publishing and receiving.</summary>
public sealed class PubSubClient : IAsyncDisposable
{
    private readonly GrpcChannel _channel;

    private PubSubClient(PubSubClientSettings settings, GrpcChannel channel, ILogger logger, TimeProvider time)
    {
        _channel = channel;
        Settings = settings;
        ProjectId = PubSubNames.ValidateProject(settings.ProjectId);
        EmulatorHost = settings.ResolveEmulatorHost();
        var invoker = new PubSubCallInvoker(settings.Retry, logger, time);
        var publisher = new Publisher.PublisherClient(channel);
        var subscriber = new Subscriber.SubscriberClient(channel);
        Topics = new PubSubTopics(publisher, invoker, ProjectId);
        Subscriptions = new PubSubSubscriptions(subscriber, invoker, ProjectId);
        Publisher = new PubSubPublisher(publisher, invoker, ProjectId, new RequestBatcherOptions());
        Subscriber = new PubSubSubscriber(subscriber, invoker, settings.Retry, logger, ProjectId);
    }

    public PubSubClientSettings Settings { get; }

    public string ProjectId { get; }

    /// <summary>The emulator this client talks to, or null for Google Cloud.</summary>
    public string? EmulatorHost { get; }

    public PubSubTopics Topics { get; }

    public PubSubSubscriptions Subscriptions { get; }

    public PubSubPublisher Publisher { get; }

    public PubSubSubscriber Subscriber { get; }

    /// <summary>Creates a client. No call is made (and no credential loaded) until the first request.</summary>
    public static PubSubClient Create(PubSubClientSettings settings, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PubSubClient>();
        return new PubSubClient(settings, PubSubChannelFactory.Create(settings), logger, time ?? TimeProvider.System);
    }

    public async ValueTask DisposeAsync()
    {
        await Publisher.DisposeAsync().ConfigureAwait(false);
        await Subscriber.DisposeAsync().ConfigureAwait(false);
        _channel.Dispose();
    }
}
