using MassTransit;
using MlOps.Contracts;
using MlOps.Trainer.Training;

namespace MlOps.Trainer.Consumers;

/// <summary>Keeps the Trainer's view of each champion in step with the Registry and the Deployer.</summary>
public sealed class ChampionChangedConsumer(ChampionDirectory champions) : IConsumer<ModelPromoted>, IConsumer<DeploymentRolledBack>
{
    public Task Consume(ConsumeContext<ModelPromoted> context)
    {
        champions.Promote(context.Message.Model, context.Message.Version, context.Message.PackageUri);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<DeploymentRolledBack> context)
    {
        champions.RollBack(context.Message.Model, context.Message.Version, context.Message.RestoredVersion);
        return Task.CompletedTask;
    }
}
