using MassTransit;
using MlOps.PubSub.Tests.Conformance.Messages;

namespace MlOps.PubSub.Tests.Conformance;

public abstract partial class TransportConformanceTests
{
    [Fact]
    public async Task A_message_that_keeps_failing_is_retried_then_moved_to_the_error_destination_with_fault_details()
    {
        var attempts = 0;
        var errors = new Received<OrderSubmitted>();
        var faults = new Received<Fault<OrderSubmitted>>();
        var bus = await StartBusAsync((_, cfg) =>
        {
            cfg.ReceiveEndpoint(Name("flaky"), e =>
            {
                e.ConfigureConsumeTopology = false;
                e.UseMessageRetry(r => r.Immediate(2));
                e.Handler<OrderSubmitted>(context =>
                {
                    Interlocked.Increment(ref attempts);
                    throw new InvalidOperationException($"boom {context.Message.Number}");
                });
            });
            cfg.ReceiveEndpoint(Name("flaky_error"), e =>
            {
                e.ConfigureConsumeTopology = false;
                e.Handler<OrderSubmitted>(errors.Handle);
            });
            cfg.ReceiveEndpoint(Name("fault-watch"), e => e.Handler<Fault<OrderSubmitted>>(faults.Handle));
        });

        await (await bus.GetSendEndpoint(Queue("flaky"))).Send(new OrderSubmitted(Guid.NewGuid(), 42));

        await errors.WaitForCount(1, "the failed message in the error destination");
        await faults.WaitForCount(1, "the published Fault<OrderSubmitted>");
        Assert.Equal(3, attempts);
        var headers = errors.Contexts[0].ReceiveContext.TransportHeaders;
        Assert.Equal("boom 42", headers.Get<string>(MessageHeaders.FaultMessage));
        Assert.Contains("InvalidOperationException", headers.Get<string>(MessageHeaders.FaultExceptionType));
        Assert.Equal(42, errors.Messages[0].Number);
        Assert.Equal("boom 42", faults.Messages[0].Exceptions.Single().Message);
    }

    [Fact]
    public async Task A_message_no_consumer_takes_is_moved_to_the_skipped_destination()
    {
        var orders = new Received<OrderSubmitted>();
        var skipped = new Received<NobodyConsumes>();
        var bus = await StartBusAsync((_, cfg) =>
        {
            cfg.ReceiveEndpoint(Name("picky"), e =>
            {
                e.ConfigureConsumeTopology = false;
                e.Handler<OrderSubmitted>(orders.Handle);
            });
            cfg.ReceiveEndpoint(Name("picky_skipped"), e =>
            {
                e.ConfigureConsumeTopology = false;
                e.Handler<NobodyConsumes>(skipped.Handle);
            });
        });
        var message = new NobodyConsumes(Guid.NewGuid());

        await (await bus.GetSendEndpoint(Queue("picky"))).Send(message);

        await skipped.WaitForCount(1, "the unconsumed message in the skipped destination");
        Assert.Equal(message, skipped.Messages[0]);
        Assert.NotNull(skipped.Contexts[0].ReceiveContext.TransportHeaders.Get<string>(MessageHeaders.Reason));
        Assert.Empty(orders.Messages);
    }
}
