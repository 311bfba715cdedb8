using MassTransit;
using MassTransit.Configuration;
using MlOps.Transport.PubSub.Topology;

namespace MlOps.Transport.PubSub.Configuration;

public sealed class PubSubBusFactoryConfigurator(PubSubBusConfiguration busConfiguration)
    : BusFactoryConfigurator(busConfiguration), IPubSubBusFactoryConfigurator, IBusFactory
{
    private readonly PubSubHostConfiguration _host = busConfiguration.HostConfiguration;

    public void Host(Action<PubSubHostSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_host.Settings);
    }

    public IReceiveEndpointConfiguration CreateBusEndpointConfiguration(Action<IReceiveEndpointConfigurator> configure)
    {
        var settings = new PubSubReceiveSettings(PubSubConsumeTopology.TemporaryName("bus"), _host.Settings) { IsTemporary = true };
        return _host.CreateReceiveEndpointConfiguration(settings, busConfiguration.BusEndpointConfiguration, c => configure(c));
    }

    public void ReceiveEndpoint(IEndpointDefinition definition, IEndpointNameFormatter? endpointNameFormatter,
        Action<IPubSubReceiveEndpointConfigurator>? configureEndpoint = null) =>
        _host.ReceiveEndpoint(definition, endpointNameFormatter, configureEndpoint);

    public void ReceiveEndpoint(IEndpointDefinition definition, IEndpointNameFormatter? endpointNameFormatter,
        Action<IReceiveEndpointConfigurator>? configureEndpoint = null) =>
        _host.ReceiveEndpoint(definition, endpointNameFormatter, configureEndpoint);

    public void ReceiveEndpoint(string queueName, Action<IPubSubReceiveEndpointConfigurator> configureEndpoint) =>
        _host.ReceiveEndpoint(queueName, configureEndpoint);

    public void ReceiveEndpoint(string queueName, Action<IReceiveEndpointConfigurator> configureEndpoint) =>
        _host.ReceiveEndpoint(queueName, configureEndpoint);
}
