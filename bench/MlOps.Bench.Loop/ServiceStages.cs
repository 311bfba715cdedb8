using System.Net.Http.Json;
using MlOps.Contracts.Api;

/// <summary>
/// The stages of a loop that ran across services, read back from what each service recorded: the
/// DriftWatcher's alert, the Trainer's run for it, the Registry's gate decision, the Deployer's rollout.
/// The services record no request time: the DriftWatcher asks for the training as it raises the alert.
/// </summary>
internal static class ServiceStages
{
    public const string Model = "taxi-tips";

    public static async Task<LoopRun> ReadAsync(Func<string, HttpClient> client, DateTime onset, CancellationToken cancellationToken)
    {
        using var driftWatcher = client("drift-watcher");
        using var trainer = client("trainer");
        using var registry = client("registry");
        using var deployer = client("deployer");

        var drift = await driftWatcher.GetFromJsonAsync<DriftStatus>($"/api/drift/{Model}", ApiJson.Options, cancellationToken);
        var alert = drift?.Alerts.Where(a => a.DetectedAt.UtcDateTime >= onset).MinBy(a => a.DetectedAt)
            ?? throw new InvalidOperationException("the DriftWatcher recorded no alert after the drift began");
        var deployments = await deployer.GetFromJsonAsync<List<DeploymentView>>($"/api/deployments?model={Model}", ApiJson.Options, cancellationToken) ?? [];
        var rollout = deployments.Where(d => d.State == "Completed" && Utc(d.CreatedAt) >= onset).MinBy(d => d.Version)
            ?? throw new InvalidOperationException("the Deployer recorded no completed rollout after the drift began");
        // The run that made the version rolled out (the Trainer learns its number from the Registry), else the alert's.
        var runs = await trainer.GetFromJsonAsync<List<TrainingRun>>("/api/training/runs", ApiJson.Options, cancellationToken) ?? [];
        var run = runs.FirstOrDefault(r => r.Version == rollout.Version) ?? runs.FirstOrDefault(r => r.DriftAlertId == alert.AlertId)
            ?? throw new InvalidOperationException($"the Trainer recorded no run for v{rollout.Version} nor for alert {alert.AlertId}: {string.Join("; ", runs.Select(r => $"{r.Reason} v{r.Version} alert {r.DriftAlertId} at {r.FinishedAt:O}"))}");
        var decisions = await registry.GetFromJsonAsync<List<DecisionView>>($"/api/models/{Model}/decisions", ApiJson.Options, cancellationToken) ?? [];
        var decision = decisions.FirstOrDefault(d => d.Version == rollout.Version);

        double Since(DateTime at) => (Utc(at) - onset).TotalSeconds;
        return new LoopRun(
            Since(alert.DetectedAt.UtcDateTime),
            null,
            Since(run.FinishedAt.UtcDateTime),
            decision is null ? null : Since(decision.DecidedAt),
            Since(rollout.CreatedAt),
            Since(rollout.FinishedAt ?? throw new InvalidOperationException($"v{rollout.Version}'s completed rollout has no finish time")));
    }

    // The services' databases keep UTC; a value read back without its kind is UTC too.
    private static DateTime Utc(DateTime at) => at.Kind switch
    {
        DateTimeKind.Unspecified => DateTime.SpecifyKind(at, DateTimeKind.Utc),
        DateTimeKind.Local => at.ToUniversalTime(),
        _ => at,
    };
}
