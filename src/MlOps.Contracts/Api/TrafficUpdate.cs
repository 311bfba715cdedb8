namespace MlOps.Contracts.Api;

/// <summary>A traffic split for a model: percents sum to 100.</summary>
public sealed record TrafficUpdate(IReadOnlyList<TrafficTarget> Versions);
