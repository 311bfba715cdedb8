namespace MlOps.Contracts;

/// <summary>Training did not produce a model; <paramref name="Errors"/> lists every validation problem found.</summary>
public sealed record TrainingFailed(
    Guid RequestId,
    string Model,
    string Reason,
    IReadOnlyList<string> Errors,
    long ErrorCount,
    DateTimeOffset FailedAt);
