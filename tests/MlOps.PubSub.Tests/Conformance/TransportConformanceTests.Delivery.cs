using System.Collections.Concurrent;
using MassTransit;
using MlOps.PubSub.Tests.Conformance.Messages;
using MlOps.PubSub.Tests.Infrastructure;

namespace MlOps.PubSub.Tests.Conformance;

public abstract partial class TransportConformanceTests
{
    [Fact]
    public async Task Published_messages_reach_every_endpoint_that_consumes_their_type()
    {
        var billing = new Received<OrderSubmitted>();
        var shipping = new Received<OrderSubmitted>();
        var bus = await StartBusAsync((_, cfg) =>
        {
            cfg.ReceiveEndpoint(Name("billing"), e => e.Handler<OrderSubmitted>(billing.Handle));
            cfg.ReceiveEndpoint(Name("shipping"), e => e.Handler<OrderSubmitted>(shipping.Handle));
        });
        var orders = Enumerable.Range(1, 3).Select(i => new OrderSubmitted(Guid.NewGuid(), i)).ToList();

        foreach (var order in orders)
        {
            await bus.Publish(order);
        }

        await billing.WaitForCount(3, "billing to receive three published orders");
        await shipping.WaitForCount(3, "shipping to receive three published orders");
        Assert.Equal(orders, billing.Messages.OrderBy(m => m.Number));
        Assert.Equal(orders, shipping.Messages.OrderBy(m => m.Number));
    }

    [Fact]
    public async Task Competing_consumers_on_one_endpoint_process_each_message_once()
    {
        var consumedBy = new ConcurrentDictionary<Guid, ConcurrentBag<int>>();
        var buses = new List<IBusControl>();
        for (var instance = 0; instance < CompetingInstances; instance++)
        {
            var index = instance;
            buses.Add(await StartBusAsync((_, cfg) => cfg.ReceiveEndpoint(Name("workers"), e =>
            {
                e.PrefetchCount = 4;
                e.ConcurrentMessageLimit = 4;
                e.Handler<OrderSubmitted>(async context =>
                {
                    consumedBy.GetOrAdd(context.Message.Id, _ => []).Add(index);
                    await Task.Delay(60);
                });
            })));
        }
        var endpoint = await buses[0].GetSendEndpoint(Queue("workers"));

        await endpoint.SendBatch(Enumerable.Range(1, 60).Select(i => new OrderSubmitted(Guid.NewGuid(), i)));

        await Await.Until(() => consumedBy.Count == 60, "60 messages to be consumed");
        Assert.All(consumedBy.Values, instances => Assert.Single(instances));
        Assert.Equal(CompetingInstances, consumedBy.Values.SelectMany(i => i).Distinct().Count());
    }

    [Fact]
    public async Task Send_delivers_to_the_endpoint_address()
    {
        var orders = new Received<OrderSubmitted>();
        var bus = await StartBusAsync((_, cfg) => cfg.ReceiveEndpoint(Name("orders"), e =>
        {
            e.ConfigureConsumeTopology = false;
            e.Handler<OrderSubmitted>(orders.Handle);
        }));
        var endpoint = await bus.GetSendEndpoint(Queue("orders"));
        var order = new OrderSubmitted(Guid.NewGuid(), 7);

        await endpoint.Send(order);

        await orders.WaitForCount(1, "the sent order");
        Assert.Equal(order, Assert.Single(orders.Messages));
        Assert.Equal(Name("orders"), orders.Contexts[0].ReceiveContext.InputAddress.AbsolutePath.Trim('/'));
    }

    [Fact]
    public async Task A_request_gets_its_response()
    {
        var bus = await StartBusAsync((_, cfg) => cfg.ReceiveEndpoint(Name("prices"), e =>
            e.Handler<PriceRequest>(context => context.RespondAsync(new PriceQuoted(context.Message.Sku, 9.5m)))));
        var client = bus.CreateRequestClient<PriceRequest>(Queue("prices"), RequestTimeout.After(s: 30));

        var response = await Await.Within(client.GetResponse<PriceQuoted>(new PriceRequest("sku-1")), "the price response");

        Assert.Equal(new PriceQuoted("sku-1", 9.5m), response.Message);
    }
}
