using MassTransit;
using MlOps.Contracts;

namespace MlOps.DriftWatcher.Alerting;

internal sealed class ModelRejectedConsumer(AlertRecorder recorder) : IConsumer<ModelRejected>
{
    public Task Consume(ConsumeContext<ModelRejected> context) => recorder.RecordAsync(context.Message.ToAlert(), context.CancellationToken);
}
