namespace MlOps.Contracts.Api;

/// <summary>One model as a Predictor replica serves it: the split's generation, the versions that answer, and a shadow if one is tried.</summary>
public sealed record EndpointView(string Model, long Generation, IReadOnlyList<VersionStats> Versions, VersionStats? Shadow = null);
