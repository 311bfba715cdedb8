using MassTransit;
using MassTransit.Transports;
using MlOps.PubSub;
using MlOps.Transport.PubSub.Configuration;

namespace MlOps.Transport.PubSub.Transport;

public sealed class PubSubReceiveEndpointContext(PubSubHostConfiguration host, PubSubReceiveEndpointConfiguration configuration, IReadOnlyCollection<string> consumedTopics)
    : BaseReceiveEndpointContext(host, configuration)
{
    public PubSubHostConfiguration Host { get; } = host;

    public PubSubConnection Connection => Host.Connection;

    public PubSubReceiveSettings Settings => configuration.Settings;

    public ISendTopology SendTopology => configuration.Topology.Send;

    /// <summary>The subscriptions this endpoint pulls from: its own, plus one per consumed message type's topic.</summary>
    public IReadOnlyList<PubSubSubscriptionSettings> Subscriptions()
    {
        var deadline = Settings.AckDeadlineSeconds;
        var own = new PubSubSubscriptionSettings(Settings.SubscriptionName, Settings.EndpointName)
        {
            AckDeadlineSeconds = deadline,
            // Deleted when the bus stops; the expiry (Pub/Sub's minimum is a day) covers a crash.
            ExpireWhenIdleFor = Settings.IsTemporary ? TimeSpan.FromDays(1) : null,
        };
        if (!Settings.CreateEntities)
        {
            return [own];
        }

        var typed = consumedTopics.Select(topic => new PubSubSubscriptionSettings($"{Settings.EndpointName}.{topic}", topic) { AckDeadlineSeconds = deadline });
        return [own, .. typed];
    }

    public override void AddSendAgent(IAgent agent)
    {
    }

    public override void AddConsumeAgent(IAgent agent)
    {
    }

    public override Exception ConvertException(Exception exception, string message) =>
        new ConnectionException(message + Host.HostAddress, exception);

    protected override ISendTransportProvider CreateSendTransportProvider() => new PubSubSendTransportProvider(Host, this);

    protected override IPublishTransportProvider CreatePublishTransportProvider() => new PubSubPublishTransportProvider(Host, this);
}
