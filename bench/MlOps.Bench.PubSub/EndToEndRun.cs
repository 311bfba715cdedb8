using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Transport.PubSub.Topology;

namespace MlOps.Bench.PubSub;

/// <summary>One measurement: publish <c>count</c> messages and wait until every one has been
/// consumed and acknowledged by one receive endpoint.</summary>
public static class EndToEndRun
{
    private const int PublishWindow = 2000;

    public static async Task<double> MessagesPerSecondAsync(string transport, string? pubSubHost, int count)
    {
        var prefix = $"b{Guid.NewGuid().ToString("N")[..8]}-";
        var services = new ServiceCollection();
        services.AddMassTransit(x =>
        {
            void Endpoint(IReceiveEndpointConfigurator e)
            {
                e.PrefetchCount = 1000;
                e.Handler<BenchMessage>(_ => Task.CompletedTask);
            }
            if (transport == "pubsub")
            {
                x.UsingGooglePubSub((_, cfg) =>
                {
                    cfg.Host("mlops-bench", pubSubHost);
                    cfg.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(PubSubEntityNameFormatter.Instance, prefix));
                    cfg.ReceiveEndpoint(prefix + "bench", Endpoint);
                });
            }
            else
            {
                x.UsingInMemory((_, cfg) => cfg.ReceiveEndpoint(prefix + "bench", Endpoint));
            }
        });
        await using var provider = services.BuildServiceProvider();
        var bus = provider.GetRequiredService<IBusControl>();
        var observer = new CountingReceiveObserver(count);
        bus.ConnectReceiveObserver(observer);
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        try
        {
            var clock = Stopwatch.StartNew();
            var inFlight = new List<Task>(PublishWindow);
            for (var i = 0; i < count; i++)
            {
                inFlight.Add(bus.Publish(new BenchMessage(Guid.NewGuid(), i, "v42", 0.5)));
                if (inFlight.Count == PublishWindow)
                {
                    await Task.WhenAll(inFlight);
                    inFlight.Clear();
                }
            }
            await Task.WhenAll(inFlight);
            await observer.All.WaitAsync(TimeSpan.FromMinutes(2));
            return count / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await bus.StopAsync();
        }
    }
}
