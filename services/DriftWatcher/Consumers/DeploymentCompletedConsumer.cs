using MassTransit;
using MlOps.Contracts;
using MlOps.DriftWatcher.Monitoring;
using MlOps.Platform.Messaging;

namespace MlOps.DriftWatcher.Consumers;

public sealed class DeploymentCompletedConsumer(DriftMonitor monitor, ILogger<DeploymentCompletedConsumer> logger) : IConsumer<DeploymentCompleted>
{
    public Task Consume(ConsumeContext<DeploymentCompleted> context)
    {
        var completed = context.Message;
        if (!logger.Refuse<DeploymentCompleted>(completed.Model, ("version", completed.Version)))
        {
            monitor.Serving(completed.Model, completed.Version, completed.PackageUri);
        }

        return Task.CompletedTask;
    }
}
