namespace MlOps.Contracts;

public sealed record DeploymentStarted(Guid DeploymentId, string Model, int Version, string Strategy, int? StableVersion, DateTimeOffset StartedAt);
