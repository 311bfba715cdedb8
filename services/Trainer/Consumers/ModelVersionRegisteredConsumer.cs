using MassTransit;
using MlOps.Contracts;
using MlOps.Trainer.Training;

namespace MlOps.Trainer.Consumers;

/// <summary>Tells the run history which version the Registry made of a trained run.</summary>
public sealed class ModelVersionRegisteredConsumer(TrainingHistory history) : IConsumer<ModelVersionRegistered>
{
    public Task Consume(ConsumeContext<ModelVersionRegistered> context)
    {
        history.Registered(context.Message.RequestId, context.Message.Version);
        return Task.CompletedTask;
    }
}
