using MassTransit;
using MlOps.Platform.Messaging;

namespace MlOps.DriftWatcher.Monitoring;

/// <summary>Counts prediction log messages that could not be read at all; the transport sets them aside in the error destination.</summary>
public sealed class UnreadableLogObserver(DriftMonitor monitor) : IReceiveObserver
{
    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        if (context.InputAddress.AbsolutePath.EndsWith(EndpointNames.PredictionLogs, StringComparison.Ordinal))
        {
            monitor.Unreadable($"unreadable message: {exception.GetBaseException().Message}");
        }

        return Task.CompletedTask;
    }
}
