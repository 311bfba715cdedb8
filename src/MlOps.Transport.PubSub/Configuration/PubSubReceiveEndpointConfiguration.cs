using MassTransit;
using MassTransit.Configuration;
using MassTransit.Transports;
using MlOps.PubSub;
using MlOps.Transport.PubSub.Topology;
using MlOps.Transport.PubSub.Transport;

namespace MlOps.Transport.PubSub.Configuration;

public sealed class PubSubReceiveEndpointConfiguration(PubSubHostConfiguration host, PubSubReceiveSettings settings, PubSubEndpointConfiguration endpoint)
    : ReceiveEndpointConfiguration(host, endpoint), IPubSubReceiveEndpointConfigurator
{
    public PubSubReceiveSettings Settings { get; } = settings;

    public new PubSubTopologyConfiguration Topology => endpoint.Topology;

    public override Uri HostAddress => host.HostAddress;

    public override Uri InputAddress => new PubSubEndpointAddress(host.Settings.ProjectId, Settings.EndpointName, TopicOnly: false);

    public TimeSpan AckDeadline { set => Settings.AckDeadline = value; }

    public TimeSpan MaxLeaseDuration { set => Settings.MaxLeaseDuration = value; }

    public string SubscriptionName { set => Settings.SubscriptionName = value; }

    public bool CreateEntities { set => Settings.CreateEntities = value; }

    public override ReceiveEndpointContext CreateReceiveEndpointContext() => CreatePubSubReceiveEndpointContext();

    public void Build(IHost builtHost)
    {
        var context = CreatePubSubReceiveEndpointContext();
        var transport = new PubSubReceiveTransport(context);
        var receiveEndpoint = new ReceiveEndpoint(transport, context);
        builtHost.AddReceiveEndpoint(Settings.EndpointName, receiveEndpoint);
        ReceiveEndpoint = receiveEndpoint;
    }

    public override IEnumerable<ValidationResult> Validate()
    {
        foreach (var result in base.Validate())
        {
            yield return result.WithParentKey(Settings.EndpointName);
        }

        foreach (var (kind, name) in EntityNames())
        {
            if (!PubSubNames.IsValid(name))
            {
                yield return this.Failure(Settings.EndpointName, $"'{name}' is not a valid Pub/Sub {kind} name (3-255 characters of letters, digits and - _ . ~ + %, starting with a letter, not 'goog…')");
            }
        }
        if (!PubSubSubscriptions.IsValidAckDeadline(Settings.AckDeadline))
        {
            yield return this.Failure(Settings.EndpointName, $"AckDeadline {PubSubSubscriptions.AckDeadlineRule}; it is {Settings.AckDeadline.TotalSeconds:0.###} s (set on the endpoint, else on the host)");
        }

        if (Settings.MaxLeaseDuration < Settings.AckDeadline)
        {
            yield return this.Failure(Settings.EndpointName, "MaxLeaseDuration must be at least the ack deadline");
        }
    }

    private IEnumerable<(string Kind, string Name)> EntityNames()
    {
        yield return ("endpoint", Settings.EndpointName);
        yield return ("subscription", Settings.SubscriptionName);
    }

    private PubSubReceiveEndpointContext CreatePubSubReceiveEndpointContext()
    {
        var builder = new PubSubReceiveEndpointBuilder(this);
        ApplySpecifications(builder);
        return new PubSubReceiveEndpointContext(host, this, builder.ConsumedTopics);
    }
}
