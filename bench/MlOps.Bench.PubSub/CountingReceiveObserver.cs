using MassTransit;

namespace MlOps.Bench.PubSub;

/// <summary>Counts messages whose receive completed, which on Pub/Sub is after the ack.</summary>
public sealed class CountingReceiveObserver(int expected) : IReceiveObserver
{
    private int _count;
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task All => _all.Task;

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context)
    {
        if (Interlocked.Increment(ref _count) == expected)
        {
            _all.TrySetResult();
        }

        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        _all.TrySetException(exception);
        return Task.CompletedTask;
    }
}
