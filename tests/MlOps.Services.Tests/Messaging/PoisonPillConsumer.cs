using System.Collections.Concurrent;
using MassTransit;

namespace MlOps.Services.Tests.Messaging;

/// <summary>Throws on every attempt, counting the attempts per pill.</summary>
public sealed class PoisonPillConsumer : IConsumer<PoisonPill>
{
    public const string Problem = "the pill is poison";

    private static readonly ConcurrentDictionary<Guid, int> Counts = new();

    public static int Attempts(Guid pill) => Counts.GetValueOrDefault(pill);

    public Task Consume(ConsumeContext<PoisonPill> context)
    {
        Counts.AddOrUpdate(context.Message.Id, 1, (_, n) => n + 1);
        throw new InvalidOperationException($"{Problem}: {context.Message.Id}");
    }
}
