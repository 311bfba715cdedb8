using System.ComponentModel.DataAnnotations;

namespace MlOps.Deployer;

/// <summary>Bound from <c>Deployer</c>; see docs/configuration.md.</summary>
public sealed class DeployerOptions
{
    public const string Section = "Deployer";

    /// <summary><c>immediate</c> or <c>canary</c>.</summary>
    [RegularExpression("(?i)^(immediate|canary)$", ErrorMessage = "Deployer:Strategy must be immediate or canary")]
    public string Strategy { get; set; } = RolloutStrategies.Immediate;

    public CanaryOptions Canary { get; set; } = new();

    public DeploymentsDatabase Database { get; set; } = new();

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

public sealed class DeploymentsDatabase
{
    /// <summary><c>Sqlite</c> or <c>PostgreSQL</c>; the connection string is <c>ConnectionStrings:Deployments</c>.</summary>
    [RegularExpression("(?i)^(sqlite|postgresql)$", ErrorMessage = "Deployer:Database:Provider must be Sqlite or PostgreSQL")]
    public string Provider { get; set; } = "Sqlite";
}

public static class RolloutStrategies
{
    public const string Immediate = "immediate";
    public const string Canary = "canary";
}
