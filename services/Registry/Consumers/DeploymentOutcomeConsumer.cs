using MassTransit;
using MlOps.Contracts;
using MlOps.Registry.Infrastructure;

namespace MlOps.Registry.Consumers;

/// <summary>Follows deployments: the serving alias on completion, the champion restored on rollback.</summary>
public sealed class DeploymentOutcomeConsumer(ModelRegistry registry) : IConsumer<DeploymentCompleted>, IConsumer<DeploymentRolledBack>
{
    public Task Consume(ConsumeContext<DeploymentCompleted> context) => registry.MarkServingAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<DeploymentRolledBack> context) => registry.RollBackAsync(context.Message, context.CancellationToken);
}
