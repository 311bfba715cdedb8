using MassTransit;
using MlOps.PubSub.Tests.Conformance.Messages;
using MlOps.PubSub.Tests.Infrastructure;

namespace MlOps.PubSub.Tests.Conformance;

public sealed partial class PubSubTransportTests
{
    [Fact]
    public async Task A_consumer_outliving_the_10_s_deadline_of_an_existing_subscription_gets_the_message_once()
    {
        // As the bootstrap created subscriptions before it passed --ack-deadline: Pub/Sub's default of 10 s,
        // while the endpoints are configured with (and used to renew leases on) 30 s.
        var endpoint = Name("existing");
        var deadline = TimeSpan.FromSeconds(PubSubSubscriptions.UnsetAckDeadlineSeconds);
        await server.CreateSubscriptionDirectlyAsync(endpoint, endpoint, PubSubSubscriptions.UnsetAckDeadlineSeconds);
        var runs = 0;
        var taken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = new Received<TrainingRequested>();
        Action<IBusRegistrationContext, IBusFactoryConfigurator> instance(int prefetch) => (_, cfg) => cfg.ReceiveEndpoint(endpoint, e =>
        {
            e.ConfigureConsumeTopology = false;
            e.PrefetchCount = prefetch;
            e.Handler<TrainingRequested>(async context =>
            {
                Interlocked.Increment(ref runs);
                taken.TrySetResult();
                await Task.Delay(deadline * 1.5);
                await done.Handle(context);
            });
        });
        // The first instance pulls nothing more while it holds the message (an instance ignores a
        // redelivery of a message it is consuming), so an expired lease would show as a run on the second.
        var first = await StartBusAsync(instance(prefetch: 1));
        await (await first.GetSendEndpoint(Queue("existing"))).Send(new TrainingRequested(Guid.NewGuid()));
        await Await.Within(taken.Task, "the first instance to take the message");
        await StartBusAsync(instance(prefetch: 16));

        await Await.Within(done.WaitForCount(1, "the long consumer to finish"), "the long consumer to finish", deadline * 1.5 + Await.Default);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Subscriptions_the_bus_creates_get_the_configured_ack_deadline()
    {
        await using var client = server.CreateClient();
        var endpoint = Name("deadlines");
        var bus = await StartBusAsync((_, cfg) => cfg.ReceiveEndpoint(endpoint, e =>
        {
            ((IPubSubReceiveEndpointConfigurator)e).AckDeadline = TimeSpan.FromSeconds(45);
            e.Handler<OrderSubmitted>(_ => Task.CompletedTask);
        }));
        await (await bus.GetSendEndpoint(Queue("sent-to"))).Send(new OrderSubmitted(Guid.NewGuid(), 1));

        Assert.Equal(45, (await client.Subscriptions.GetAsync(endpoint))?.AckDeadlineSeconds);
        Assert.Equal(45, (await client.Subscriptions.GetAsync($"{endpoint}.{Prefix}order-submitted"))?.AckDeadlineSeconds);
        Assert.Equal(PubSubSubscriptions.DefaultAckDeadlineSeconds, (await client.Subscriptions.GetAsync(Name("sent-to")))?.AckDeadlineSeconds);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(601)]
    public async Task An_ack_deadline_outside_Pub_Subs_bounds_is_refused_naming_the_setting(int seconds)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartBusAsync((_, cfg) => cfg.ReceiveEndpoint(Name("bounds"), e =>
        {
            ((IPubSubReceiveEndpointConfigurator)e).AckDeadline = TimeSpan.FromSeconds(seconds);
            e.Handler<OrderSubmitted>(_ => Task.CompletedTask);
        })));

        Assert.Contains("AckDeadline", error.Message);
        Assert.Contains("between 10 and 600 seconds", error.Message);
    }
}
