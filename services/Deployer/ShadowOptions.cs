using System.ComponentModel.DataAnnotations;

namespace MlOps.Deployer;

/// <summary>How a shadow rollout is judged: <c>Deployer:Shadow</c>.</summary>
public sealed class ShadowOptions
{
    /// <summary>Instances compared with the served answers before a verdict.</summary>
    [Range(1, 10_000_000)]
    public int Comparisons { get; set; } = 200;

    /// <summary>Share of compared instances whose label must agree with the served one for the shadow to be promoted.</summary>
    [Range(0.0, 1.0)]
    public double MinAgreement { get; set; } = 0.6;

    /// <summary>Reject a shadow whose scores diverge from the served ones on the same instances by more than this (Jensen-Shannon, bits).</summary>
    [Range(0.0, 1.0)]
    public double MaxScoreDivergence { get; set; } = 0.25;

    /// <summary>A shadow that has not seen enough traffic by then is rejected.</summary>
    [Range(1, 86_400)]
    public int TimeoutSeconds { get; set; } = 300;
}
