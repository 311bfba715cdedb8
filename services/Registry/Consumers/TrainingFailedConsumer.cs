using MassTransit;
using MlOps.Contracts;
using MlOps.Registry.Infrastructure;

namespace MlOps.Registry.Consumers;

public sealed class TrainingFailedConsumer(ModelRegistry registry) : IConsumer<TrainingFailed>
{
    public Task Consume(ConsumeContext<TrainingFailed> context) => registry.RecordFailureAsync(context.Message, context.CancellationToken);
}
