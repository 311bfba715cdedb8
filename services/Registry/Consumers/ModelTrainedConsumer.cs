using MassTransit;
using MlOps.Contracts;
using MlOps.Registry.Infrastructure;
using MlOps.Registry.Telemetry;

namespace MlOps.Registry.Consumers;

/// <summary>
/// Registers each trained challenger once and publishes the gate's verdict. A redelivered message
/// publishes the original outcome again, so a crash between commit and publish loses nothing.
/// </summary>
public sealed class ModelTrainedConsumer(ModelRegistry registry, RegistryMetrics metrics, ILogger<ModelTrainedConsumer> logger) : IConsumer<ModelTrained>
{
    public async Task Consume(ConsumeContext<ModelTrained> context)
    {
        var registration = await registry.RegisterAsync(context.Message, context.CancellationToken);
        var registered = registration.Registered;
        logger.LogInformation("{Model} run {RunId} is v{Version}{Duplicate}", registered.Model, registered.RunId, registered.Version, registration.Duplicate ? " (already registered)" : "");
        if (!registration.Duplicate)
        {
            metrics.Decided(registered.Model, registration.Outcome is ModelPromoted);
        }

        await context.Publish(registered);
        await context.Publish(registration.Outcome, registration.Outcome.GetType());
    }
}
