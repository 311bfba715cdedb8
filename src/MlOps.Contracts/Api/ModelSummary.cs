namespace MlOps.Contracts.Api;

/// <summary>A registered model with its version count and the versions its aliases name.</summary>
public sealed record ModelSummary(string Name, int Versions, int? Champion, int? Serving, DateTime CreatedAt);
