namespace MlOps.Predictor.Serving;

/// <summary>The desired traffic split for a model: percents sum to 100.</summary>
public sealed record TrafficUpdate(IReadOnlyList<TrafficTarget> Versions);

public sealed record TrafficTarget(int Version, string PackageUri, int Percent);
