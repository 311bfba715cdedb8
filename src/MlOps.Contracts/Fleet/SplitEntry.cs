namespace MlOps.Contracts.Fleet;

/// <summary>A version in a split: its package and share of the traffic, or (<see cref="SplitRole.Shadow"/>, 0%) a mirrored copy whose answers are never returned.</summary>
public sealed record SplitEntry(int Version, string PackageUri, int Percent, SplitRole Role = SplitRole.Serving);
