using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MlOps.Platform.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// Registers a service's metrics as a singleton created when the host starts, so its observable
    /// instruments report from the first collection rather than from the first use.
    /// </summary>
    public static IServiceCollection AddMetrics<TMetrics>(this IServiceCollection services)
        where TMetrics : class
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<TMetrics>();
        services.AddHostedService(provider => new MetricsActivator<TMetrics>(provider.GetRequiredService<TMetrics>()));
        return services;
    }

    private sealed class MetricsActivator<TMetrics>(TMetrics metrics) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(metrics);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
