namespace MlOps.Contracts;

public sealed record ModelVersionRegistered(string Model, int Version, string PackageUri, Guid RequestId, DateTimeOffset RegisteredAt);
