using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlOps.Predictor.Serving;

namespace MlOps.Predictor.Fleet;

/// <summary>
/// Ready when the replica can answer for every model of the desired state it applied; a model whose
/// every version was refused makes it unready (and the refusal is reported to the Deployer).
/// </summary>
public sealed class ServingHealthCheck(EndpointRegistry endpoints) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(endpoints.Unserved is { Count: > 0 } unserved
            ? HealthCheckResult.Unhealthy($"cannot answer for {string.Join(", ", unserved)}: {string.Join("; ", endpoints.Refusals.Select(r => $"{r.Model} v{r.Version}: {r.Reason}"))}")
            : HealthCheckResult.Healthy());
}
