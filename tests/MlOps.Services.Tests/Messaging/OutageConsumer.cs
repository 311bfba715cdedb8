using System.Collections.Concurrent;
using System.Net.Sockets;
using MassTransit;

namespace MlOps.Services.Tests.Messaging;

/// <summary>Meets a dependency that refuses connections for <see cref="Outage"/> after the first attempt, then consumes.</summary>
public sealed class OutageConsumer : IConsumer<OutageProbe>
{
    public static readonly TimeSpan Outage = TimeSpan.FromSeconds(8);

    private static readonly ConcurrentDictionary<Guid, DateTime> FirstAttempt = new();
    private static readonly ConcurrentDictionary<Guid, int> Counts = new();
    private static readonly ConcurrentDictionary<Guid, bool> Done = new();

    public static int Attempts(Guid probe) => Counts.GetValueOrDefault(probe);

    public static bool Consumed(Guid probe) => Done.ContainsKey(probe);

    public Task Consume(ConsumeContext<OutageProbe> context)
    {
        var id = context.Message.Id;
        Counts.AddOrUpdate(id, 1, (_, n) => n + 1);
        if (DateTime.UtcNow - FirstAttempt.GetOrAdd(id, DateTime.UtcNow) < Outage)
        {
            throw new SocketException((int)SocketError.ConnectionRefused);
        }

        Done[id] = true;
        return Task.CompletedTask;
    }
}

public sealed record OutageProbe(Guid Id);
