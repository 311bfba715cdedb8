using MassTransit;
using MlOps.PubSub.Tests.Conformance.Messages;
using MlOps.PubSub.Tests.Infrastructure;

namespace MlOps.PubSub.Tests.Conformance;

public abstract partial class TransportConformanceTests
{
    [Fact]
    public async Task A_consumer_that_outlives_the_ack_deadline_gets_the_message_once()
    {
        var deadline = LeaseTestAckDeadline;
        var runs = 0;
        var done = new Received<TrainingRequested>();
        await CreateEndpointWithAckDeadlineAsync(Name("training"), deadline);
        var bus = await StartBusAsync((_, cfg) => cfg.ReceiveEndpoint(Name("training"), e =>
        {
            e.ConfigureConsumeTopology = false;
            e.Handler<TrainingRequested>(async context =>
            {
                Interlocked.Increment(ref runs);
                await Task.Delay(deadline * 3);
                await done.Handle(context);
            });
        }));

        await (await bus.GetSendEndpoint(Queue("training"))).Send(new TrainingRequested(Guid.NewGuid()));

        await Await.Within(done.WaitForCount(1, "the long consumer to finish"), "the long consumer to finish", deadline * 3 + Await.Default);
        await Task.Delay(deadline * 1.5);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task No_more_than_the_concurrent_message_limit_run_at_once()
    {
        var running = 0;
        var most = 0;
        var done = new Received<OrderSubmitted>();
        var bus = await StartBusAsync((_, cfg) => cfg.ReceiveEndpoint(Name("limited"), e =>
        {
            e.ConfigureConsumeTopology = false;
            e.PrefetchCount = 8;
            e.ConcurrentMessageLimit = 2;
            e.Handler<OrderSubmitted>(async context =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                await Task.Delay(100);
                Interlocked.Decrement(ref running);
                await done.Handle(context);
            });
        }));

        await (await bus.GetSendEndpoint(Queue("limited"))).SendBatch(Enumerable.Range(1, 10).Select(i => new OrderSubmitted(Guid.NewGuid(), i)));

        await done.WaitForCount(10, "ten messages through a limit of two");
        Assert.InRange(most, 1, 2);
    }

    [Fact]
    public async Task A_stopped_bus_starts_again_and_keeps_consuming()
    {
        var orders = new Received<OrderSubmitted>();
        var bus = await StartBusAsync((_, cfg) => cfg.ReceiveEndpoint(Name("restart"), e =>
        {
            e.ConfigureConsumeTopology = false;
            e.Handler<OrderSubmitted>(orders.Handle);
        }));
        await (await bus.GetSendEndpoint(Queue("restart"))).Send(new OrderSubmitted(Guid.NewGuid(), 1));
        await orders.WaitForCount(1, "the message before the restart");

        await Await.Within(bus.StopAsync(), "the bus to stop");
        await Await.Within(bus.StartAsync(), "the bus to start again");
        await (await bus.GetSendEndpoint(Queue("restart"))).Send(new OrderSubmitted(Guid.NewGuid(), 2));

        await orders.WaitForCount(2, "the message after the restart");
        Assert.Equal([1, 2], orders.Messages.Select(m => m.Number).Order());
    }

    [Fact]
    public async Task An_endpoint_connected_at_runtime_consumes_until_it_is_stopped()
    {
        var orders = new Received<OrderSubmitted>();
        var bus = await StartBusAsync((_, _) => { });

        var handle = bus.ConnectReceiveEndpoint(Name("late"), e =>
        {
            e.ConfigureConsumeTopology = false;
            e.Handler<OrderSubmitted>(orders.Handle);
        });
        await Await.Within(handle.Ready, "the connected endpoint to be ready");
        await (await bus.GetSendEndpoint(Queue("late"))).Send(new OrderSubmitted(Guid.NewGuid(), 1));
        await orders.WaitForCount(1, "the message to the connected endpoint");

        await Await.Within(handle.ReceiveEndpoint.Stop(), "the connected endpoint to stop");
        Assert.Single(orders.Messages);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
