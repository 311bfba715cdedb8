using MassTransit.Configuration;

namespace MlOps.Transport.PubSub.Configuration;

public class PubSubEndpointConfiguration : EndpointConfiguration
{
    protected PubSubEndpointConfiguration(PubSubTopologyConfiguration topology)
        : base(topology)
    {
        Topology = topology;
    }

    private PubSubEndpointConfiguration(IEndpointConfiguration parent, PubSubTopologyConfiguration topology, bool isBusEndpoint)
        : base(parent, topology, isBusEndpoint)
    {
        Topology = topology;
    }

    public new PubSubTopologyConfiguration Topology { get; }

    public PubSubEndpointConfiguration CreateEndpointConfiguration(bool isBusEndpoint = false) =>
        new(this, new PubSubTopologyConfiguration(Topology), isBusEndpoint);
}
