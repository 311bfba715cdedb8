using System.ComponentModel.DataAnnotations;

namespace MlOps.Deployer;

/// <summary>Bound from <c>Deployer:Vertex</c>: how versions are deployed on a Vertex AI endpoint.</summary>
public sealed class VertexEndpointOptions
{
    [Required]
    public string MachineType { get; set; } = "n1-standard-2";

    [Range(1, 1000)]
    public int MinReplicas { get; set; } = 1;

    [Range(1, 1000)]
    public int MaxReplicas { get; set; } = 2;

    /// <summary>A freshly deployed version's first seconds are left out of its latency (its container starts cold; the stable one is warm); its predictions and errors still count.</summary>
    [Range(0, 3600)]
    public int LatencyWarmupSeconds { get; set; } = 15;

    /// <summary>The account a deployed version runs as (the Predictor's); Vertex AI's default when unset.</summary>
    public string? ServiceAccount { get; set; }
}
