using MassTransit;
using MassTransit.Configuration;
using MassTransit.Transports;

namespace MlOps.Transport.PubSub.Configuration;

public sealed class PubSubRegistrationBusFactory : TransportRegistrationBusFactory<IPubSubReceiveEndpointConfigurator>
{
    private readonly PubSubBusConfiguration _busConfiguration;
    private readonly Action<IBusRegistrationContext, IPubSubBusFactoryConfigurator>? _configure;

    public PubSubRegistrationBusFactory(Action<IBusRegistrationContext, IPubSubBusFactoryConfigurator>? configure)
        : this(new PubSubBusConfiguration(new PubSubTopologyConfiguration(PubSubTopologyConfiguration.CreateMessageTopology())), configure)
    {
    }

    private PubSubRegistrationBusFactory(PubSubBusConfiguration busConfiguration, Action<IBusRegistrationContext, IPubSubBusFactoryConfigurator>? configure)
        : base(busConfiguration.HostConfiguration)
    {
        _busConfiguration = busConfiguration;
        _configure = configure;
    }

    public override IBusInstance CreateBus(IBusRegistrationContext context, IEnumerable<IBusInstanceSpecification> specifications, string busName)
    {
        var configurator = new PubSubBusFactoryConfigurator(_busConfiguration);
        return CreateBus(configurator, context, _configure, specifications);
    }
}
