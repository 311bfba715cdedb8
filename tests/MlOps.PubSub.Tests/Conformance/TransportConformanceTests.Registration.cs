using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MlOps.PubSub.Tests.Conformance.Messages;

namespace MlOps.PubSub.Tests.Conformance;

public abstract partial class TransportConformanceTests
{
    [Fact]
    public async Task Registered_consumers_get_endpoints_from_ConfigureEndpoints()
    {
        var audited = new Received<OrderSubmitted>();
        var bus = await StartBusAsync(ConfigureEndpoints, x =>
        {
            x.AddSingleton(audited);
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(Prefix, false));
            x.AddConsumer<OrderAuditConsumer>();
        });
        var order = new OrderSubmitted(Guid.NewGuid(), 11);

        await bus.Publish(order);

        await audited.WaitForCount(1, "the registered consumer to receive the published order");
        Assert.Equal(order, audited.Messages[0]);
        Assert.Equal(Name("order-audit"), audited.Contexts[0].ReceiveContext.InputAddress.AbsolutePath.Trim('/'));
    }
}
