namespace MlOps.Contracts.Api;

/// <summary>One model as a Predictor serves it: its split and each version's counters.</summary>
public sealed record EndpointView(string Model, IReadOnlyList<VersionStats> Versions);
