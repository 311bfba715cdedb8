using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlOps.Predictor.Serving;

namespace MlOps.Predictor.Fleet;

/// <summary>
/// Started once the replica has applied a desired state — serving its models, or knowing there is
/// nothing to serve — so Cloud Run's startup probe lets traffic in only when it answers for the fleet's split.
/// </summary>
public sealed class DesiredStateHealthCheck(EndpointRegistry endpoints, FleetLink link) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(endpoints.AppliedAt is null
            ? HealthCheckResult.Unhealthy($"waiting for the desired state{(link.LastProblem is { } problem ? $": {problem}" : "")}")
            : HealthCheckResult.Healthy($"serving revision {endpoints.Revision}: {(endpoints.HasAnyModel ? string.Join(", ", endpoints.All.Select(s => $"{s.Model} generation {s.Generation}")) : "no models")}"));
}
