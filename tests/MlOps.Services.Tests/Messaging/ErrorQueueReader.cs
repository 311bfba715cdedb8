using System.Collections.Concurrent;
using MassTransit;

namespace MlOps.Services.Tests.Messaging;

/// <summary>Reads pills from an <c>_error</c> queue, with the headers they were moved with.</summary>
public sealed class ErrorQueueReader : IConsumer<PoisonPill>
{
    private static readonly ConcurrentDictionary<Guid, Headers> Kept = new();

    public static Headers? Find(Guid pill) => Kept.GetValueOrDefault(pill);

    public Task Consume(ConsumeContext<PoisonPill> context)
    {
        Kept.TryAdd(context.Message.Id, context.ReceiveContext.TransportHeaders);
        return Task.CompletedTask;
    }
}
