using System.ComponentModel.DataAnnotations;

namespace MlOps.Trainer;

/// <summary>Bound from <c>Trainer:CustomJob</c>: how a training request runs as a Vertex AI custom job.</summary>
public sealed class CustomJobOptions
{
    [Required]
    public string MachineType { get; set; } = "n1-standard-8";

    /// <summary>The Trainer image the job runs (the renderer sets it to the Trainer's own).</summary>
    public string? Image { get; set; }

    /// <summary>The account the job runs as (the Trainer's).</summary>
    public string? ServiceAccount { get; set; }
}
