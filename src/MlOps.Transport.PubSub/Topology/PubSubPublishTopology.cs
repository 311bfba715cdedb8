using MassTransit;
using MassTransit.Configuration;
using MassTransit.Topology;

namespace MlOps.Transport.PubSub.Topology;

public sealed class PubSubPublishTopology(IMessageTopology messageTopology) : PublishTopology
{
    protected override IMessagePublishTopologyConfigurator CreateMessageTopology<T>()
    {
        var topology = new PubSubMessagePublishTopology<T>(this, messageTopology.GetMessageTopology<T>());
        OnMessageTopologyCreated(topology);
        return topology;
    }
}
