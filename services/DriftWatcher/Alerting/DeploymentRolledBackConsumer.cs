using MassTransit;
using MlOps.Contracts;

namespace MlOps.DriftWatcher.Alerting;

internal sealed class DeploymentRolledBackConsumer(AlertRecorder recorder) : IConsumer<DeploymentRolledBack>
{
    public Task Consume(ConsumeContext<DeploymentRolledBack> context) => recorder.RecordAsync(context.Message.ToAlert(), context.CancellationToken);
}
