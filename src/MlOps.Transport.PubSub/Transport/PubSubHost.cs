using MassTransit;
using MassTransit.Transports;
using MlOps.Transport.PubSub.Configuration;

namespace MlOps.Transport.PubSub.Transport;

public sealed class PubSubHost(PubSubHostConfiguration configuration, IBusTopology topology)
    : BaseHost(configuration, topology), IHost<IPubSubReceiveEndpointConfigurator>
{
    public override HostReceiveEndpointHandle ConnectReceiveEndpoint(IEndpointDefinition definition, IEndpointNameFormatter? endpointNameFormatter,
        Action<IReceiveEndpointConfigurator>? configureEndpoint = null) =>
        ConnectReceiveEndpoint(definition, endpointNameFormatter, (Action<IPubSubReceiveEndpointConfigurator>?)configureEndpoint);

    public override HostReceiveEndpointHandle ConnectReceiveEndpoint(string queueName, Action<IReceiveEndpointConfigurator>? configureEndpoint = null) =>
        ConnectReceiveEndpoint(queueName, (Action<IPubSubReceiveEndpointConfigurator>?)configureEndpoint);

    public HostReceiveEndpointHandle ConnectReceiveEndpoint(IEndpointDefinition definition, IEndpointNameFormatter? endpointNameFormatter = null,
        Action<IPubSubReceiveEndpointConfigurator>? configureEndpoint = null)
    {
        var name = definition.GetEndpointName(endpointNameFormatter ?? DefaultEndpointNameFormatter.Instance);
        return ConnectReceiveEndpoint(name, configurator =>
        {
            configuration.ApplyEndpointDefinition(configurator, definition);
            configureEndpoint?.Invoke(configurator);
        });
    }

    public HostReceiveEndpointHandle ConnectReceiveEndpoint(string queueName, Action<IPubSubReceiveEndpointConfigurator>? configureEndpoint = null)
    {
        LogContext.SetCurrentIfNull(configuration.LogContext);
        var endpoint = configuration.CreateReceiveEndpointConfiguration(queueName, configureEndpoint);
        endpoint.Validate().ThrowIfContainsFailure("The receive endpoint configuration is invalid:");
        endpoint.Build(this);
        return ReceiveEndpoints.Start(queueName);
    }

    protected override void Probe(ProbeContext context)
    {
        context.Add("type", "GooglePubSub");
        context.Add("project", configuration.Settings.ProjectId);
    }

    protected override IAgent[] GetAgentHandles() => [new PubSubConnectionAgent(configuration.Connection)];
}
