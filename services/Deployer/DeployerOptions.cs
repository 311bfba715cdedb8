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

    [ValidateObjectMembers]
    public CanaryOptions Canary { get; set; } = new();

    [ValidateObjectMembers]
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>Sent as <c>Authorization: Bearer</c> to the Predictor's admin API when set (matches <c>Predictor:AdminToken</c>).</summary>
    public string? PredictorAdminToken { get; set; }

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
}
