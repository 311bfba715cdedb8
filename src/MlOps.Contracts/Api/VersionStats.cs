namespace MlOps.Contracts.Api;

/// <summary>What one version has served on this replica since its split took effect; errors are failed scorings.</summary>
public sealed record VersionStats(int Version, string PackageUri, int Percent, long Requests, long Instances, long Errors, DateTimeOffset LoadedAt);
