using System.Diagnostics.CodeAnalysis;
using MassTransit;
using MassTransit.Topology;

namespace MlOps.Transport.PubSub.Topology;

/// <summary>A message type publishes to the topic named by the entity name formatter.</summary>
public sealed class PubSubMessagePublishTopology<TMessage>(IPublishTopology publishTopology, IMessageTopology<TMessage> messageTopology)
    : MessagePublishTopology<TMessage>(publishTopology)
    where TMessage : class
{
    public string TopicName => messageTopology.EntityName;

    public override bool TryGetPublishAddress(Uri baseAddress, [NotNullWhen(true)] out Uri? publishAddress)
    {
        publishAddress = new PubSubEndpointAddress(baseAddress.Host, TopicName, TopicOnly: true).ToUri();
        return true;
    }
}
