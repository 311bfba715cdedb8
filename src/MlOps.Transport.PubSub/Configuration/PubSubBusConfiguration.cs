using MassTransit;
using MassTransit.Configuration;
using MassTransit.Observables;

namespace MlOps.Transport.PubSub.Configuration;

public sealed class PubSubBusConfiguration : PubSubEndpointConfiguration, IBusConfiguration
{
    private readonly BusObservable _busObservers = new();

    public PubSubBusConfiguration(PubSubTopologyConfiguration topology)
        : base(topology)
    {
        HostConfiguration = new PubSubHostConfiguration(this, topology);
        BusEndpointConfiguration = CreateEndpointConfiguration(isBusEndpoint: true);
    }

    public PubSubHostConfiguration HostConfiguration { get; }

    public PubSubEndpointConfiguration BusEndpointConfiguration { get; }

    IHostConfiguration IBusConfiguration.HostConfiguration => HostConfiguration;

    IEndpointConfiguration IBusConfiguration.BusEndpointConfiguration => BusEndpointConfiguration;

    IBusObserver IBusConfiguration.BusObservers => _busObservers;

    public ConnectHandle ConnectBusObserver(IBusObserver observer) => _busObservers.Connect(observer);

    public ConnectHandle ConnectEndpointConfigurationObserver(IEndpointConfigurationObserver observer) =>
        HostConfiguration.ConnectEndpointConfigurationObserver(observer);
}
