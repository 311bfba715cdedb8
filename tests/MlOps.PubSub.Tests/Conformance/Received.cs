using System.Collections.Concurrent;
using MassTransit;
using MlOps.PubSub.Tests.Infrastructure;

namespace MlOps.PubSub.Tests.Conformance;

/// <summary>Collects what a handler consumed, for assertions.</summary>
public sealed class Received<T> where T : class
{
    private readonly ConcurrentQueue<ConsumeContext<T>> _contexts = new();

    public IReadOnlyList<ConsumeContext<T>> Contexts => [.. _contexts];

    public IReadOnlyList<T> Messages => [.. _contexts.Select(c => c.Message)];

    public Task Handle(ConsumeContext<T> context)
    {
        _contexts.Enqueue(context);
        return Task.CompletedTask;
    }

    public Task WaitForCount(int count, string what) => Await.Until(() => _contexts.Count >= count, what);
}
