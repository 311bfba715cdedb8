namespace MlOps.Contracts.Api;

public sealed record VersionDrift(int Version, string PackageUri, long CurrentWindowSamples, DriftWindow? LastWindow);
