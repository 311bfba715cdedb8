namespace MlOps.Deployer.Targets;

/// <summary>Where models serve: the Deployer sets traffic splits there and reads per-version health back.</summary>
public interface IEndpointTarget
{
    /// <summary>Applies the split; returns why it was refused, or null.</summary>
    public Task<string?> ApplyAsync(string model, IReadOnlyList<TrafficShare> split, CancellationToken cancellationToken);

    /// <summary>Live counters per version, or null when the target cannot be read right now.</summary>
    public Task<IReadOnlyList<VersionHealth>?> ReadHealthAsync(string model, CancellationToken cancellationToken);
}

public sealed record TrafficShare(int Version, string PackageUri, int Percent);

/// <summary>Successful predictions and failed scorings of one version since it was loaded.</summary>
public sealed record VersionHealth(int Version, int Percent, long Requests, long Errors);
