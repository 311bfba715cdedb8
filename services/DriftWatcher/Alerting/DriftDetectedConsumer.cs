using MassTransit;
using MlOps.Contracts;

namespace MlOps.DriftWatcher.Alerting;

internal sealed class DriftDetectedConsumer(AlertRecorder recorder) : IConsumer<DriftDetected>
{
    public Task Consume(ConsumeContext<DriftDetected> context) => recorder.RecordAsync(context.Message.ToAlert(), context.CancellationToken);
}
