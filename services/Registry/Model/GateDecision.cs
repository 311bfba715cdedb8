namespace MlOps.Registry.Model;

/// <summary>The gate's auditable record for one challenger: both metrics, the policy and the verdict.</summary>
public sealed class GateDecision
{
    public int Id { get; set; }

    public int ModelId { get; set; }

    public int Version { get; set; }

    public bool Promoted { get; set; }

    public required string Reason { get; set; }

    public double ChallengerAuc { get; set; }

    public double? ChampionAuc { get; set; }

    public int? ChampionVersion { get; set; }

    /// <summary>The champion's full metrics on the challenger's holdout (ModelMetrics as JSON), when it was evaluated; the challenger's are its version's.</summary>
    public string? ChampionMetrics { get; set; }

    public double MinimumAuc { get; set; }

    public double MinimumImprovement { get; set; }

    public DateTime DecidedAt { get; set; }
}
