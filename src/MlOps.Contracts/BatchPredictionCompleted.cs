namespace MlOps.Contracts;

public sealed record BatchPredictionCompleted(
    Guid JobId,
    string Model,
    int? Version,
    string OutputUri,
    string? RejectsUri,
    long Rows,
    long Scored,
    long Rejected,
    double Seconds,
    DateTimeOffset CompletedAt);
