using MassTransit;
using MlOps.PubSub.Tests.Infrastructure;
using MlOps.Transport.PubSub.Topology;

namespace MlOps.PubSub.Tests.Conformance;

/// <summary>The conformance scenarios on Pub/Sub, plus what only Pub/Sub has (see the partial files).</summary>
[Collection(PubSubServerCollection.Name)]
public sealed partial class PubSubTransportTests(PubSubServer server) : TransportConformanceTests
{
    protected override int CompetingInstances => 2;

    protected override TimeSpan LeaseTestAckDeadline => TimeSpan.FromSeconds(Math.Max(2, server.MinAckDeadlineSeconds));

    protected override void UseTransport(IBusRegistrationConfigurator registration, Action<IBusRegistrationContext, IBusFactoryConfigurator> configure) =>
        registration.UsingGooglePubSub((context, cfg) =>
        {
            cfg.Host(PubSubServer.ProjectId, server.Host);
            cfg.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(PubSubEntityNameFormatter.Instance, Prefix));
            configure(context, cfg);
        });

    protected override void ConfigureEndpoints(IBusRegistrationContext context, IBusFactoryConfigurator cfg) =>
        ((IPubSubBusFactoryConfigurator)cfg).ConfigureEndpoints(context);

    protected override Task CreateEndpointWithAckDeadlineAsync(string endpoint, TimeSpan ackDeadline) =>
        server.CreateSubscriptionDirectlyAsync(endpoint, endpoint, (int)ackDeadline.TotalSeconds);
}
