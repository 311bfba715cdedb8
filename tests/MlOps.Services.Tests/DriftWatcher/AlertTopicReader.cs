using System.Collections.Concurrent;
using System.Text;
using MassTransit;
using MlOps.DriftWatcher.Alerting;

namespace MlOps.Services.Tests.DriftWatcher;

/// <summary>A subscriber of the alert topic outside the services: it reads plain alert JSON, no envelope.</summary>
internal sealed class AlertTopicReader : IConsumer<Alert>
{
    public static ConcurrentQueue<(Alert Alert, string Body)> Read { get; } = new();

    public Task Consume(ConsumeContext<Alert> context)
    {
        Read.Enqueue((context.Message, Encoding.UTF8.GetString(context.ReceiveContext.Body.GetBytes())));
        return Task.CompletedTask;
    }
}
