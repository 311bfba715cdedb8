namespace MlOps.Contracts.Api;

/// <summary>A batch job's state and counts.</summary>
public sealed record BatchJobStatus(
    Guid JobId,
    string Model,
    BatchJobState State,
    string InputUri,
    string OutputUri,
    string? RejectsUri = null,
    int? Version = null,
    long Rows = 0,
    long Scored = 0,
    long Rejected = 0,
    string? Problem = null);
