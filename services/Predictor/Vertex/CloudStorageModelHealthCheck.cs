using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MlOps.Predictor.Vertex;

/// <summary>Unhealthy while the gs:// <c>AIP_STORAGE_URI</c> is downloading or after it failed, so Vertex AI sends no traffic before the model is served.</summary>
public sealed class CloudStorageModelHealthCheck(CloudStorageModelLoader loader) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(loader switch
        {
            { Problem: { } problem } => HealthCheckResult.Unhealthy(problem),
            { Serving: true } => HealthCheckResult.Healthy($"serving {loader.Source}"),
            _ => HealthCheckResult.Unhealthy($"downloading {loader.Source}"),
        });
}
