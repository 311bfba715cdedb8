using System.Data.Common;
using System.Net.Sockets;
using MassTransit;
using MlOps.Platform.Messaging;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.Messaging;

/// <summary>
/// A dependency that is away for longer than the quick retries last (a database failing over, a
/// refused connection) is waited out; only a message that is itself bad is given up in seconds.
/// </summary>
public sealed class TransientFaultTests
{
    [Fact]
    public async Task A_consumer_whose_dependency_is_away_for_eight_seconds_consumes_its_message_once_it_is_back()
    {
        var endpoint = $"outage-{Guid.NewGuid():N}"[..20];
        await using var host = await MessageBusHost.StartAsync(b => b.Messaging().AddConsumer<OutageConsumer>(endpoint), new Dictionary<string, string?>());
        using var counted = new FaultedCounter(host.Services);
        var probe = new OutageProbe(Guid.NewGuid());

        await (await host.Bus.GetSendEndpoint(new Uri($"queue:{endpoint}"))).Send(probe);
        await Wait.Until(() => OutageConsumer.Consumed(probe.Id), "the message to be consumed once the dependency is back", TimeSpan.FromSeconds(60));

        // The quick retries are over within 4.2 s of the first attempt: only the longer wait for a transient failure reaches 8 s.
        Assert.InRange(OutageConsumer.Attempts(probe.Id), 2, TransientFaults.RetryLimit + 1);
        Assert.Equal(0, counted.For(endpoint));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Failures_of_a_dependency_are_transient_wherever_they_are_wrapped_and_a_bad_message_is_not(bool wrapped)
    {
        Exception refused = new SocketException((int)SocketError.ConnectionRefused);
        Exception database = new FlakyDbException();
        if (wrapped)
        {
            refused = new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", refused);
            database = new AggregateException(database);
        }

        Assert.True(TransientFaults.IsTransient(refused));
        Assert.True(TransientFaults.IsTransient(database));
        Assert.True(TransientFaults.IsTransient(new TimeoutException()));
        Assert.False(TransientFaults.IsTransient(new InvalidOperationException("the pill is poison")));
        Assert.False(TransientFaults.IsTransient(new FormatException("not a model name", new ArgumentException("model"))));
    }

    private sealed class FlakyDbException : DbException
    {
        public override bool IsTransient => true;
    }
}
