using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MlOps.DriftWatcher.Monitoring;

/// <summary>Unhealthy while prediction log entries are not being read: the subscription not set up yet, or the last pull failed.</summary>
public sealed class PredictionLogPullerHealthCheck(PredictionLogPuller puller) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(puller.Problem is { } problem
            ? HealthCheckResult.Unhealthy(problem)
            : HealthCheckResult.Healthy($"{puller.Acknowledged} prediction log entries acknowledged"));
}
