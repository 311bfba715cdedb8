using MassTransit;
using MlOps.PubSub.Tests.Conformance.Messages;

namespace MlOps.PubSub.Tests.Conformance;

public sealed class OrderAuditConsumer(Received<OrderSubmitted> received) : IConsumer<OrderSubmitted>
{
    public Task Consume(ConsumeContext<OrderSubmitted> context) => received.Handle(context);
}
