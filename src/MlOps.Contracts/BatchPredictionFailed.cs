namespace MlOps.Contracts;

public sealed record BatchPredictionFailed(Guid JobId, string Model, string Reason, DateTimeOffset FailedAt);
