using System.Diagnostics.Metrics;
using MlOps.Platform.Telemetry;

namespace MlOps.Deployer.Telemetry;

/// <summary>Rollout metrics: the share of traffic on a canary per model, and rollouts by outcome.</summary>
public sealed class DeployerMetrics
{
    public const string MeterName = "MlOps.Deployer";

    private readonly LatestPerModel<int> _canaryShare = new();
    private readonly Counter<long> _rollouts;

    public DeployerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("mlops.deployer.canary_share", _canaryShare.Observe, "%", "Share of a model's traffic on its canary (0 when none runs)");
        _rollouts = meter.CreateCounter<long>("mlops.deployer.rollouts", "{rollout}", "Finished rollouts by outcome: completed or rolled_back");
    }

    public void CanaryShare(string model, int percent) => _canaryShare[model] = percent;

    public void Finished(string model, string strategy, string outcome)
    {
        _canaryShare[model] = 0;
        _rollouts.Add(1, new("model", model), new("strategy", strategy), new("outcome", outcome));
    }
}
