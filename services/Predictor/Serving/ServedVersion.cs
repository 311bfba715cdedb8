using MlOps.Contracts.Api;
using MlOps.Contracts.Fleet;

namespace MlOps.Predictor.Serving;

/// <summary>A loaded version in one split: its share (or shadow role) and its counters for as long as that split is in force.</summary>
public sealed class ServedVersion(DeployedVersion version, int percent, SplitRole role)
{
    public DeployedVersion Version { get; } = version;

    public int Percent { get; } = percent;

    public SplitRole Role { get; } = role;

    public VersionCounters Counters { get; } = new();

    /// <summary>The comparison with the served answers, for a shadow.</summary>
    public ShadowCounters? Shadow { get; } = role == SplitRole.Shadow ? new ShadowCounters() : null;

    public VersionStats Stats() =>
        new(Version.Version, Version.PackageUri, Percent, Counters.Requests, Counters.Instances, Counters.Errors, Version.LoadedAt);
}
