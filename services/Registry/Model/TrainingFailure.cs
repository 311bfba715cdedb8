namespace MlOps.Registry.Model;

/// <summary>A training request that produced no version, with its first problems.</summary>
public sealed class TrainingFailure
{
    public int Id { get; set; }

    public Guid RequestId { get; set; }

    public required string Model { get; set; }

    public required string Reason { get; set; }

    public long ErrorCount { get; set; }

    public required string Errors { get; set; }

    public DateTime FailedAt { get; set; }
}
