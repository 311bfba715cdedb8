using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MlOps.PubSub.Tests.Infrastructure;

namespace MlOps.PubSub.Tests.Conformance;

/// <summary>Starts buses on the transport under test and stops them after the test. Every name a
/// test uses is unique, so tests sharing one Pub/Sub server never see each other's messages.</summary>
public abstract partial class TransportConformanceTests : IAsyncLifetime
{
    private readonly List<(ServiceProvider Provider, IBusControl Bus)> _buses = [];

    protected string Prefix { get; } = Names.Unique("");

    protected string Name(string what) => Prefix + what;

    protected Uri Queue(string what) => new($"queue:{Name(what)}");

    /// <summary>How many bus instances the competing-consumer test runs (the in-memory transport cannot share an endpoint between buses).</summary>
    protected abstract int CompetingInstances { get; }

    /// <summary>Ack deadline the lease test gives its endpoint; the consumer runs three times as long.</summary>
    protected abstract TimeSpan LeaseTestAckDeadline { get; }

    protected abstract void UseTransport(IBusRegistrationConfigurator registration, Action<IBusRegistrationContext, IBusFactoryConfigurator> configure);

    /// <summary>The transport's <c>cfg.ConfigureEndpoints(context)</c>, which needs the transport's configurator type.</summary>
    protected abstract void ConfigureEndpoints(IBusRegistrationContext context, IBusFactoryConfigurator cfg);

    /// <summary>Where the transport has ack deadlines: creates the endpoint's subscription up front with
    /// <paramref name="ackDeadline"/>, shorter than the endpoint's configured deadline, which it must follow.</summary>
    protected abstract Task CreateEndpointWithAckDeadlineAsync(string endpoint, TimeSpan ackDeadline);

    protected async Task<IBusControl> StartBusAsync(Action<IBusRegistrationContext, IBusFactoryConfigurator> configure, Action<IBusRegistrationConfigurator>? register = null)
    {
        var services = new ServiceCollection();
        services.AddMassTransit(x =>
        {
            register?.Invoke(x);
            UseTransport(x, configure);
        });
        var provider = services.BuildServiceProvider();
        var bus = provider.GetRequiredService<IBusControl>();
        _buses.Add((provider, bus));
        await Await.Within(bus.StartAsync(), "the bus to start");
        return bus;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (provider, bus) in _buses)
        {
            await Await.Within(bus.StopAsync(), "the bus to stop");
            await provider.DisposeAsync();
        }
    }
}
