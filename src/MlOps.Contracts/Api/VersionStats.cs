namespace MlOps.Contracts.Api;

/// <summary>What one version has served since it was loaded; errors are failed scorings.</summary>
public sealed record VersionStats(int Version, string PackageUri, int Percent, long Requests, long Instances, long Errors, DateTimeOffset LoadedAt);
