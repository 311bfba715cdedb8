using MassTransit;
using MassTransit.Configuration;
using MassTransit.Transports;
using MlOps.Transport.PubSub.Topology;
using MlOps.Transport.PubSub.Transport;

namespace MlOps.Transport.PubSub.Configuration;

public sealed class PubSubHostConfiguration
    : BaseHostConfiguration<PubSubReceiveEndpointConfiguration, IPubSubReceiveEndpointConfigurator>
{
    private readonly PubSubBusConfiguration _busConfiguration;

    public PubSubHostConfiguration(PubSubBusConfiguration busConfiguration, PubSubTopologyConfiguration topology)
        : base(busConfiguration)
    {
        _busConfiguration = busConfiguration;
        Connection = new PubSubConnection(Settings);
        Topology = new PubSubBusTopology(this, topology);
        ReceiveTransportRetryPolicy = Retry.CreatePolicy(x =>
        {
            x.Handle<ConnectionException>();
            x.Exponential(1000, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(3));
        });
    }

    public PubSubHostSettings Settings { get; } = new();

    public PubSubConnection Connection { get; }

    public override Uri HostAddress => PubSubEndpointAddress.HostAddress(Settings.ProjectId);

    public override IBusTopology Topology { get; }

    public override IRetryPolicy ReceiveTransportRetryPolicy { get; }

    public PubSubReceiveEndpointConfiguration CreateReceiveEndpointConfiguration(PubSubReceiveSettings settings,
        PubSubEndpointConfiguration endpointConfiguration, Action<IPubSubReceiveEndpointConfigurator>? configure)
    {
        var configuration = new PubSubReceiveEndpointConfiguration(this, settings, endpointConfiguration);
        configure?.Invoke(configuration);
        Observers.EndpointConfigured(configuration);
        Add(configuration);
        return configuration;
    }

    public PubSubReceiveEndpointConfiguration CreateReceiveEndpointConfiguration(string endpointName, Action<IPubSubReceiveEndpointConfigurator>? configure) =>
        CreateReceiveEndpointConfiguration(new PubSubReceiveSettings(endpointName, Settings), _busConfiguration.CreateEndpointConfiguration(), configure);

    public override IReceiveEndpointConfiguration CreateReceiveEndpointConfiguration(string queueName, Action<IReceiveEndpointConfigurator>? configure) =>
        CreateReceiveEndpointConfiguration(queueName, configure is null ? null : c => configure(c));

    public override void ReceiveEndpoint(IEndpointDefinition definition, IEndpointNameFormatter? endpointNameFormatter,
        Action<IPubSubReceiveEndpointConfigurator>? configureEndpoint = null)
    {
        var name = definition.GetEndpointName(endpointNameFormatter ?? DefaultEndpointNameFormatter.Instance);
        ReceiveEndpoint(name, configurator =>
        {
            ApplyEndpointDefinition(configurator, definition);
            configureEndpoint?.Invoke(configurator);
        });
    }

    public override void ReceiveEndpoint(string queueName, Action<IPubSubReceiveEndpointConfigurator> configureEndpoint) =>
        CreateReceiveEndpointConfiguration(queueName, configureEndpoint);

    public void ApplyEndpointDefinition(IPubSubReceiveEndpointConfigurator configurator, IEndpointDefinition definition) =>
        ApplyEndpointDefinition((IReceiveEndpointConfigurator)configurator, definition);

    public override IHost Build()
    {
        var host = new PubSubHost(this, Topology);
        foreach (var endpoint in GetConfiguredEndpoints())
        {
            endpoint.Build(host);
        }

        return host;
    }
}
