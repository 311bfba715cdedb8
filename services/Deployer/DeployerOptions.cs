using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using MlOps.Platform.Configuration;
using MlOps.Platform.Storage;

namespace MlOps.Deployer;

/// <summary>Bound from <c>Deployer</c>; see docs/configuration.md.</summary>
public sealed class DeployerOptions : ISettings
{
    public const string ConnectionName = "Deployments";

    public static string Section => "Deployer";

    public RolloutStrategy Strategy { get; set; } = RolloutStrategy.Immediate;

    public DeploymentTarget Target { get; set; } = DeploymentTarget.Fleet;

    [ValidateObjectMembers]
    public VertexEndpointOptions Vertex { get; set; } = new();

    [ValidateObjectMembers]
    public GitOpsOptions GitOps { get; set; } = new();

    [ValidateObjectMembers]
    public CanaryOptions Canary { get; set; } = new();

    [ValidateObjectMembers]
    public ShadowOptions Shadow { get; set; } = new();

    [ValidateObjectMembers]
    public FleetOptions Fleet { get; set; } = new();

    [ValidateObjectMembers]
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>How often the rollout worker looks at live deployments.</summary>
    [Range(10, 60_000)]
    public int PollMilliseconds { get; set; } = 250;
}

public sealed class CanaryOptions
{
    [Range(1, 99)]
    public int TrafficPercent { get; set; } = 10;

    /// <summary>Successful canary predictions needed before it takes all traffic.</summary>
    [Range(1, 10_000_000)]
    public int HealthyPredictions { get; set; } = 200;

    [Range(0.0, 1.0)]
    public double MaxErrorRate { get; set; } = 0.05;

    /// <summary>No error-rate verdict before this many canary predictions.</summary>
    [Range(1, 1_000_000)]
    public int MinimumForRollback { get; set; } = 20;

    [Range(1, 86_400)]
    public int TimeoutSeconds { get; set; } = 300;

    /// <summary>Roll back when the canary's p99 latency exceeds the stable version's by this factor …</summary>
    [Range(1.0, 1000.0)]
    public double MaxLatencyRatio { get; set; } = 2.0;

    /// <summary>… and by at least this many milliseconds (tiny latencies differ by large factors for no reason).</summary>
    [Range(0.0, 60_000.0)]
    public double MinLatencyGapMs { get; set; } = 5.0;

    /// <summary>No latency verdict before this many canary predictions: the p99 of a few dozen is their slowest, and a freshly loaded version's first requests are its slowest.</summary>
    [Range(1, 10_000_000)]
    public int MinimumForLatency { get; set; } = 200;

    /// <summary>Roll back when the canary's score distribution diverges from the stable version's on the same traffic by more than this (Jensen-Shannon, bits, 0–1).</summary>
    [Range(0.0, 1.0)]
    public double MaxScoreDivergence { get; set; } = 0.25;

    /// <summary>No divergence verdict before the canary has scored this many instances: on fewer, sampling noise alone reads as divergence (about 0.27 on 50 scores in 20 buckets).</summary>
    [Range(1, 10_000_000)]
    public int MinimumForDivergence { get; set; } = 400;
}
