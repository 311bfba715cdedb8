using MassTransit;
using MlOps.Contracts;

namespace MlOps.DriftWatcher.Alerting;

internal sealed class MessageFaultedConsumer(AlertRecorder recorder) : IConsumer<MessageFaulted>
{
    public Task Consume(ConsumeContext<MessageFaulted> context) => recorder.RecordAsync(context.Message.ToAlert(), context.CancellationToken);
}
