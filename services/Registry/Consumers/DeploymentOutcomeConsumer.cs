using MassTransit;
using MlOps.Contracts;
using MlOps.Platform.Messaging;
using MlOps.Registry.Infrastructure;

namespace MlOps.Registry.Consumers;

/// <summary>Follows deployments: the serving alias on completion, the champion restored on rollback. A message naming no valid model or version is refused and changes nothing.</summary>
public sealed class DeploymentOutcomeConsumer(ModelRegistry registry, ILogger<DeploymentOutcomeConsumer> logger) : IConsumer<DeploymentCompleted>, IConsumer<DeploymentRolledBack>
{
    public Task Consume(ConsumeContext<DeploymentCompleted> context) =>
        logger.Refuse<DeploymentCompleted>(context.Message.Model, ("version", context.Message.Version))
            ? Task.CompletedTask
            : registry.MarkServingAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<DeploymentRolledBack> context) =>
        logger.Refuse<DeploymentRolledBack>(context.Message.Model, ("version", context.Message.Version), ("restoredVersion", context.Message.RestoredVersion))
            ? Task.CompletedTask
            : registry.RollBackAsync(context.Message, context.CancellationToken);
}
