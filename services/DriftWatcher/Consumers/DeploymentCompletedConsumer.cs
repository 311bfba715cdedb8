using MassTransit;
using MlOps.Contracts;
using MlOps.DriftWatcher.Monitoring;

namespace MlOps.DriftWatcher.Consumers;

public sealed class DeploymentCompletedConsumer(DriftMonitor monitor) : IConsumer<DeploymentCompleted>
{
    public Task Consume(ConsumeContext<DeploymentCompleted> context)
    {
        monitor.Serving(context.Message.Model, context.Message.Version, context.Message.PackageUri);
        return Task.CompletedTask;
    }
}
