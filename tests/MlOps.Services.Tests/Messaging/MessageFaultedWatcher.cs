using System.Collections.Concurrent;
using MassTransit;
using MlOps.Contracts;

namespace MlOps.Services.Tests.Messaging;

/// <summary>Every <see cref="MessageFaulted"/> that reached its own endpoint, as a team's own subscriber would see them.</summary>
public sealed class MessageFaultedWatcher : IConsumer<MessageFaulted>
{
    private static readonly ConcurrentQueue<MessageFaulted> Seen = new();

    public static IReadOnlyList<MessageFaulted> For(string endpoint) => [.. Seen.Where(f => f.Endpoint == endpoint)];

    public Task Consume(ConsumeContext<MessageFaulted> context)
    {
        Seen.Enqueue(context.Message);
        return Task.CompletedTask;
    }
}
