namespace MlOps.Contracts;

public sealed record TrainingStarted(Guid RequestId, string Model, string Reason, DateTimeOffset StartedAt);
