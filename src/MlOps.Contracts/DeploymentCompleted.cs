namespace MlOps.Contracts;

/// <summary>The version now serves all of the model's traffic.</summary>
public sealed record DeploymentCompleted(Guid DeploymentId, string Model, int Version, string PackageUri, string Strategy, DateTimeOffset CompletedAt);
