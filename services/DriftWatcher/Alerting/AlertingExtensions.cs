using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MlOps.DriftWatcher.Alerting;

internal static class AlertingExtensions
{
    /// <summary>The outbox, the configured channels and the worker that delivers; the consumers are declared with the module's.</summary>
    public static IHostApplicationBuilder AddAlerting(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DriftWatcherOptions>, AlertOptionsValidator>());
        builder.Services.AddSingleton<AlertChannels>();
        builder.Services.AddSingleton<AlertOutbox>();
        builder.Services.AddSingleton<AlertRecorder>();
        builder.Services.AddHostedService<AlertDeliveryWorker>();
        return builder;
    }
}
