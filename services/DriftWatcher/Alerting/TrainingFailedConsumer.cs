using MassTransit;
using MlOps.Contracts;

namespace MlOps.DriftWatcher.Alerting;

internal sealed class TrainingFailedConsumer(AlertRecorder recorder) : IConsumer<TrainingFailed>
{
    public Task Consume(ConsumeContext<TrainingFailed> context) => recorder.RecordAsync(context.Message.ToAlert(), context.CancellationToken);
}
