namespace MlOps.Contracts.Api;

public sealed record BatchJobAccepted(Guid JobId);
