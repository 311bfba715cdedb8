using System.Diagnostics;
using MassTransit;
using MlOps.Contracts;
using MlOps.Platform.Messaging;
using MlOps.Registry.Gate;
using MlOps.Registry.Infrastructure;
using MlOps.Registry.Telemetry;

namespace MlOps.Registry.Consumers;

/// <summary>
/// Registers each trained challenger once and publishes the gate's verdict. A redelivered message
/// publishes the original outcome again, so a crash between commit and publish loses nothing. A message naming
/// no valid model is refused (logged with the field) and registers nothing.
/// </summary>
public sealed class ModelTrainedConsumer(ModelRegistry registry, RegistryMetrics metrics, ILogger<ModelTrainedConsumer> logger) : IConsumer<ModelTrained>
{
    public async Task Consume(ConsumeContext<ModelTrained> context)
    {
        if (logger.Refuse<ModelTrained>(context.Message.Model))
        {
            return;
        }

        var registration = await registry.RegisterAsync(context.Message, context.CancellationToken);
        var registered = registration.Registered;
        logger.LogInformation("{Model} request {RequestId} is v{Version}{Duplicate}", registered.Model, registered.RequestId, registered.Version, registration.Duplicate ? " (already registered)" : "");
        if (!registration.Duplicate)
        {
            metrics.Decided(registered.Model, registration.Outcome is GateOutcome.Promoted);
        }

        await context.Publish(registered);
        await (registration.Outcome switch
        {
            GateOutcome.Promoted(var promoted) => context.Publish(promoted),
            GateOutcome.Rejected(var rejected) => context.Publish(rejected),
            _ => throw new UnreachableException($"the gate decided {registration.Outcome.GetType().Name}"),
        });
    }
}
