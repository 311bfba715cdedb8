using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MlOps.Predictor.Serving;

/// <summary>Ready only once a model is loaded: before that, a Predictor cannot answer.</summary>
public sealed class ModelLoadedHealthCheck(EndpointRegistry endpoints) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(endpoints.HasAnyModel ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("no model is loaded yet"));
}
