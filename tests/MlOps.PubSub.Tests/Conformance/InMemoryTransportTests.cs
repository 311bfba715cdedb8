using MassTransit;

namespace MlOps.PubSub.Tests.Conformance;

/// <summary>The conformance scenarios on MassTransit's in-memory transport: the reference behaviour.</summary>
public sealed class InMemoryTransportTests : TransportConformanceTests
{
    protected override int CompetingInstances => 1;

    protected override TimeSpan LeaseTestAckDeadline => TimeSpan.FromSeconds(1);

    protected override void UseTransport(IBusRegistrationConfigurator registration, Action<IBusRegistrationContext, IBusFactoryConfigurator> configure) =>
        registration.UsingInMemory((context, cfg) => configure(context, cfg));

    protected override void ConfigureEndpoints(IBusRegistrationContext context, IBusFactoryConfigurator cfg) =>
        ((IInMemoryBusFactoryConfigurator)cfg).ConfigureEndpoints(context);

    protected override Task CreateEndpointWithAckDeadlineAsync(string endpoint, TimeSpan ackDeadline) => Task.CompletedTask;
}
