namespace MlOps.Contracts.Api;

public sealed record TrafficTarget(int Version, string PackageUri, int Percent);
