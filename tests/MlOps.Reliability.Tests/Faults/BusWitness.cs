using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using MlOps.Contracts;

namespace MlOps.Reliability.Tests.Faults;

/// <summary>
/// Every event of the loop as a subscriber of its own sees it on Pub/Sub, in arrival order with the
/// time it arrived: what the fault trials wait on to strike at a step, and count afterwards.
/// </summary>
public sealed class BusWitness
{
    private readonly ConcurrentQueue<Witnessed> _seen = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(Func<object, bool> Match, TaskCompletionSource<Witnessed> Done)> _waiters = [];

    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<Witnessed> Seen => [.. _seen];

    public IEnumerable<T> All<T>() => _seen.Select(w => w.Message).OfType<T>();

    public void Record(object message)
    {
        var witnessed = new Witnessed(message, _clock.Elapsed);
        _seen.Enqueue(witnessed);
        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(w => w.Match(message)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(witnessed);
            }
        }
    }

    /// <summary>The first <typeparamref name="T"/> matching <paramref name="match"/>, already seen or arriving within <paramref name="timeout"/>.</summary>
    public Task<(T Message, TimeSpan At)> NextAsync<T>(Func<T, bool> match, string what, TimeSpan timeout)
        where T : class => NextAsync(match, what, timeout, TimeSpan.MinValue);

    /// <summary>The first <typeparamref name="T"/> matching <paramref name="match"/> that arrived after <paramref name="after"/>.</summary>
    public async Task<(T Message, TimeSpan At)> NextAsync<T>(Func<T, bool> match, string what, TimeSpan timeout, TimeSpan after)
        where T : class
    {
        var done = new TaskCompletionSource<Witnessed>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (_seen.FirstOrDefault(w => w.At > after && w.Message is T m && match(m)) is { } already)
            {
                return ((T)already.Message, already.At);
            }

            _waiters.Add((m => m is T t && match(t), done));
        }

        try
        {
            var witnessed = await done.Task.WaitAsync(timeout);
            return ((T)witnessed.Message, witnessed.At);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"waited {timeout.TotalSeconds:F0} s for {what}; seen: {string.Join(", ", _seen.Select(w => w.Message.GetType().Name))}");
        }
    }
}

public sealed record Witnessed(object Message, TimeSpan At);

/// <summary>The witness's subscriber: one endpoint of its own on every event of the loop.</summary>
public sealed class WitnessConsumer(BusWitness witness) :
    IConsumer<TrainingRequested>, IConsumer<TrainingStarted>, IConsumer<ModelTrained>, IConsumer<TrainingFailed>,
    IConsumer<ModelVersionRegistered>, IConsumer<ModelPromoted>, IConsumer<ModelRejected>,
    IConsumer<DeploymentStarted>, IConsumer<DeploymentCompleted>, IConsumer<DeploymentRolledBack>, IConsumer<DriftDetected>, IConsumer<DatasetSnapshotAdded>
{
    public Task Consume(ConsumeContext<TrainingRequested> context) => Witness(context.Message);

    public Task Consume(ConsumeContext<TrainingStarted> context) => Witness(context.Message);

    public Task Consume(ConsumeContext<ModelTrained> context) => Witness(context.Message);

    public Task Consume(ConsumeContext<TrainingFailed> context) => Witness(context.Message);

    public Task Consume(ConsumeContext<ModelVersionRegistered> context) => Witness(context.Message);

    public Task Consume(ConsumeContext<ModelPromoted> context) => Witness(context.Message);

    public Task Consume(ConsumeContext<ModelRejected> context) => Witness(context.Message);

    public Task Consume(ConsumeContext<DeploymentStarted> context) => Witness(context.Message);

    public Task Consume(ConsumeContext<DeploymentCompleted> context) => Witness(context.Message);

    public Task Consume(ConsumeContext<DeploymentRolledBack> context) => Witness(context.Message);

    public Task Consume(ConsumeContext<DriftDetected> context) => Witness(context.Message);

    public Task Consume(ConsumeContext<DatasetSnapshotAdded> context) => Witness(context.Message);

    private Task Witness(object message)
    {
        witness.Record(message);
        return Task.CompletedTask;
    }
}
