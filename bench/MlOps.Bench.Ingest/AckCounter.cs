using MassTransit;
using MlOps.Platform.Messaging;

namespace MlOps.Bench.Ingest;

/// <summary>Counts prediction log messages whose receive completed, which on Pub/Sub is after their ack.</summary>
public sealed class AckCounter : IReceiveObserver
{
    private long _completed;
    private long _faulted;

    public long Completed => Interlocked.Read(ref _completed);

    public long Faulted => Interlocked.Read(ref _faulted);

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context)
    {
        if (IsLog(context))
        {
            Interlocked.Increment(ref _completed);
        }

        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        if (IsLog(context))
        {
            Interlocked.Increment(ref _faulted);
        }

        return Task.CompletedTask;
    }

    private static bool IsLog(ReceiveContext context) => context.InputAddress.AbsolutePath.EndsWith(EndpointNames.PredictionLogs, StringComparison.Ordinal);
}
